// The loader's two calls (init, history) as plain fetch with Odoo's JSON-RPC envelope;
// the full client (src/rpc) comes with the chat, only when it is opened.

export class LoaderRpcError extends Error {
  constructor(
    message: string,
    readonly exceptionName: string | undefined,
    /** An overloaded or failing server (5xx, 429), not a refusal: worth another try. */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

let nextId = 1;

/** Network failures, answers that are not JSON and timeouts reject with a plain error. */
export async function call<T>(baseUrl: string, route: string, params: object): Promise<T> {
  // A stalled server or proxy must not hold the widget: given up after 20 s (and retried).
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 20_000);
  try {
    const response = await fetch(baseUrl + route, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", method: "call", params, id: nextId++ }),
      signal: abort.signal,
    });
    const body = (await response.json()) as { result?: T; error?: { message: string; data?: { name?: string; message?: string } } };
    if (body.error) throw new LoaderRpcError(body.error.data?.message ?? body.error.message, body.error.data?.name, response.status >= 500 || response.status === 429);
    return body.result as T;
  } finally {
    clearTimeout(timer);
  }
}

/** A call tried up to 4 times, 0.5, 1 and 2 s apart, unless the server refuses it. */
export async function retried<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt === 3 || (error instanceof LoaderRpcError && !error.retryable)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 << attempt));
    }
  }
}
