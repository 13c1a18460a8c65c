// The loader's two calls (init, history) as plain fetch with Odoo's JSON-RPC envelope;
// the full client (src/rpc) comes with the chat, only when it is opened.

export class LoaderRpcError extends Error {
  constructor(
    message: string,
    readonly exceptionName: string | undefined,
  ) {
    super(message);
  }
}

let nextId = 1;

export async function call<T>(baseUrl: string, route: string, params: object): Promise<T> {
  const response = await fetch(baseUrl + route, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", method: "call", params, id: nextId++ }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string; data?: { name?: string; message?: string } } };
  if (body.error) throw new LoaderRpcError(body.error.data?.message ?? body.error.message, body.error.data?.name);
  return body.result as T;
}
