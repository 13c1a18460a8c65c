export { JsonRpcTransport, type TransportOptions } from "./transport.ts";
export { RpcError, ConnectionError, type OdooErrorData } from "./errors.ts";
export { OdooClient, type Domain, type Context, type SessionInfo } from "./odoo-client.ts";
export { BridgeClient } from "./bridge-client.ts";
