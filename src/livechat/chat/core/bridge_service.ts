// Bridge v1 calls of the chat, each retried after network trouble with the same
// client ids, so a call that reached the server is never applied twice.
import { BridgeClient } from "../../../rpc/bridge-client.ts";
import { ConnectionError, RpcError } from "../../../rpc/errors.ts";
import type { BridgeView, OpenParams, ReplyParams } from "../../../protocol/bridge.ts";
import { DEFAULT_RETRY_DELAYS, withRetry } from "../../shared/retry.ts";

/** Network failures, 5xx and 429 are worth another attempt; the server's refusals are not. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  return error instanceof RpcError && (error.status >= 500 || error.status === 429);
}

/** A call without an answer after this long is given up and retried (a stalled server or proxy). */
export const REQUEST_TIMEOUT_MS = 20_000;

/** What the conversation needs of the bridge (a stub in unit tests). */
export type BridgeCalls = Pick<BridgeService, "client" | "open" | "reply" | "restart" | "history">;

export class BridgeService {
  readonly client: BridgeClient;

  constructor(
    baseUrl: string,
    private readonly onRetry: (error: unknown) => void,
    private readonly delaysMs: readonly number[] = DEFAULT_RETRY_DELAYS,
  ) {
    this.client = new BridgeClient({ baseUrl, timeoutMs: REQUEST_TIMEOUT_MS });
  }

  private retried<T>(call: () => Promise<T>): Promise<T> {
    return withRetry(call, { delaysMs: this.delaysMs, isRetryable, onRetry: this.onRetry });
  }

  open(params: OpenParams & { client_open_id: string }): Promise<BridgeView> {
    return this.retried(() => this.client.open(params));
  }
  reply(params: ReplyParams): Promise<BridgeView> {
    return this.retried(() => this.client.reply(params));
  }
  restart(token: string, clientMsgId: string): Promise<BridgeView> {
    return this.retried(() => this.client.restart(token, clientMsgId));
  }
  history(token: string): Promise<BridgeView> {
    return this.retried(() => this.client.history(token));
  }
}
