// One JSON-RPC "call" over HTTP with Odoo's envelope, on json-rpc-2.0. Odoo routes by URL,
// so the route travels as the per-request client parameter. In Node (no browser cookie
// store) the client keeps the session cookie itself.
import { JSONRPCClient, type JSONRPCRequest } from "json-rpc-2.0";
import { ConnectionError, RpcError, type OdooErrorData } from "./errors.ts";

export interface TransportOptions {
  baseUrl: string;
  /** Keep cookies in this client (Node); browsers use their own store. */
  cookieJar?: boolean;
  /** Browser: send cookies to another origin (admin app served elsewhere). */
  credentials?: RequestCredentials;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
  /** Give up on a call after this many ms (a ConnectionError, so callers retry it); none if unset. */
  timeoutMs?: number;
}

interface CallParams {
  route: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** json-rpc-2.0 turns a failed send into a plain code-0 error: keep the real one here. */
  failure?: { error?: unknown };
}

export class JsonRpcTransport {
  readonly baseUrl: string;
  private readonly client: JSONRPCClient<CallParams>;
  private cookies = new Map<string, string>();
  private nextId = 1;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, "");
    this.client = new JSONRPCClient<CallParams>((request, params) => this.send(request, params), () => this.nextId++);
  }

  /**
   * Calls `route` with `params`; resolves with `result` or rejects with RpcError/ConnectionError.
   * `timeoutMs` overrides the transport's timeout for this call (a long poll holds longer).
   */
  async call<T>(route: string, params: object = {}, signal?: AbortSignal, timeoutMs = this.options.timeoutMs): Promise<T> {
    const failure: { error?: unknown } = {};
    try {
      return (await this.client.request("call", params, { route, signal, timeoutMs, failure })) as T;
    } catch (error) {
      if (failure.error instanceof RpcError || failure.error instanceof ConnectionError) throw failure.error;
      if (error instanceof RpcError || error instanceof ConnectionError) throw error;
      const e = error as { code?: number; message?: string; data?: OdooErrorData };
      if (typeof e.code === "number") throw new RpcError(e.code, e.message ?? "Error", e.data);
      throw new ConnectionError((error as Error).message ?? String(error), error);
    }
  }

  get sessionId(): string | undefined {
    return this.cookies.get("session_id");
  }

  private async send(request: JSONRPCRequest, params: CallParams): Promise<void> {
    try {
      await this.post(request, params);
    } catch (error) {
      if (params.failure) params.failure.error = error;
      throw error;
    }
  }

  private async post(request: JSONRPCRequest, { route, signal, timeoutMs }: CallParams): Promise<void> {
    const fetchImpl = this.options.fetch ?? fetch;
    const headers: Record<string, string> = { "content-type": "application/json", ...(this.options.headers ?? {}) };
    if (this.options.cookieJar && this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    // A stalled server or proxy must not hold a call forever: past the timeout it is a
    // connection error like any other, which callers retry with the same client ids.
    // (A controller and a timer, not AbortSignal.timeout/any: older browsers lack them.)
    const abort = new AbortController();
    const stop = () => abort.abort();
    signal?.addEventListener("abort", stop, { once: true });
    if (signal?.aborted) stop();
    let timedOut = false;
    const timer = timeoutMs ? setTimeout(() => ((timedOut = true), stop()), timeoutMs) : undefined;
    const failed = (message: string) => (error: unknown) => {
      throw new ConnectionError(timedOut ? `No answer to ${route} within ${timeoutMs} ms` : message, error);
    };
    let response: Response;
    let body: unknown;
    try {
      const init: RequestInit = { method: "POST", headers, body: JSON.stringify(request), credentials: this.options.credentials, signal: abort.signal };
      response = await fetchImpl(this.baseUrl + route, init).catch(failed(`Could not reach ${this.baseUrl}`));
      if (this.options.cookieJar) this.keepCookies(response);
      body = await response.json().catch(failed(`Answer of ${route} is not JSON (HTTP ${response.status})`));
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", stop);
    }
    const envelope = body as { error?: { code: number; message: string; data?: OdooErrorData } };
    if (envelope && envelope.error) throw new RpcError(envelope.error.code, envelope.error.message, envelope.error.data, response.status);
    // Odoo leaves `result` out when a route returns None.
    if (body && typeof body === "object" && !("result" in body)) (body as { result: unknown }).result = null;
    this.client.receive(body as never);
  }

  private keepCookies(response: Response) {
    const list = (response.headers as Headers & { getSetCookie?: () => string[] }).getSetCookie?.() ?? [];
    for (const line of list) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      if (eq > 0) {
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
    }
  }
}
