// Bridge protocol v1 client (visitor side, test conversations, operator routes).
import { BRIDGE_ROUTES, type BridgeView, type InitParams, type InitResult, type OpenParams, type OpenTestParams, type PollParams, type ReplyParams } from "../protocol/bridge.ts";
import { JsonRpcTransport, type TransportOptions } from "./transport.ts";

export class BridgeClient {
  readonly transport: JsonRpcTransport;

  constructor(options: TransportOptions | JsonRpcTransport) {
    this.transport = options instanceof JsonRpcTransport ? options : new JsonRpcTransport(options);
  }

  init(params: InitParams): Promise<InitResult> {
    return this.transport.call(BRIDGE_ROUTES.init, params);
  }
  open(params: OpenParams): Promise<BridgeView> {
    return this.transport.call(BRIDGE_ROUTES.open, params);
  }
  openTest(params: OpenTestParams): Promise<BridgeView> {
    return this.transport.call(BRIDGE_ROUTES.openTest, params);
  }
  reply(params: ReplyParams): Promise<BridgeView> {
    return this.transport.call(BRIDGE_ROUTES.reply, params);
  }
  restart(token: string, client_msg_id?: string): Promise<BridgeView> {
    return this.transport.call(BRIDGE_ROUTES.restart, { token, ...(client_msg_id ? { client_msg_id } : {}) });
  }
  poll(params: PollParams, signal?: AbortSignal): Promise<BridgeView> {
    return this.transport.call(BRIDGE_ROUTES.poll, params, signal);
  }
  history(token: string): Promise<BridgeView> {
    return this.transport.call(BRIDGE_ROUTES.history, { token });
  }
  close(token: string, client_msg_id?: string): Promise<BridgeView> {
    return this.transport.call(BRIDGE_ROUTES.close, { token, ...(client_msg_id ? { client_msg_id } : {}) });
  }
}
