// Odoo's JSON-RPC envelope on json-rpc-2.0: the URL routes the call, `params` are the route's
// keyword arguments, errors carry Odoo's {code, message, data:{name, message, arguments}} and
// never a stack trace. Transport errors answer a JSON-RPC body with the architecture's statuses.
import { JSONRPCErrorException, JSONRPCServer, isJSONRPCRequest, type JSONRPCRequest, type JSONRPCResponse } from "json-rpc-2.0";
import { TRANSPORT_ERRORS } from "../../protocol/bridge.ts";
import { OdooError, validationError, valueError } from "../orm/errors.ts";
import { constraintKind, constraintMessage } from "../db/errors.ts";
import type { Logger } from "../log.ts";
import { knownJsonText } from "./json-text.ts";

export interface CallTarget {
  run(params: Record<string, unknown>): Promise<unknown>;
}

export interface RpcAnswer {
  status: number;
  body: string;
}

const LONE_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const wellFormedStrings = (_key: string, value: unknown) => (typeof value === "string" ? (value as string & { toWellFormed(): string }).toWellFormed() : value);

export function transportError(kind: keyof typeof TRANSPORT_ERRORS, id: unknown = null): RpcAnswer {
  const { status, code, message } = TRANSPORT_ERRORS[kind];
  return { status, body: JSON.stringify({ jsonrpc: "2.0", id: id ?? null, error: { code, message, data: { name: kind === "notFound" ? "werkzeug.exceptions.NotFound" : "json_rpc_error", message, arguments: [message] } } }) };
}

/** The envelope of an Odoo error. */
export function odooErrorData(error: OdooError) {
  return { name: error.exceptionName, message: error.message, arguments: [error.message], context: {} };
}

export class JsonRpcEndpoint {
  private readonly server: JSONRPCServer<CallTarget>;

  constructor(private readonly logger: Logger) {
    // Errors are answered to the caller; only unexpected ones are logged (below), once.
    this.server = new JSONRPCServer<CallTarget>({ errorListener: () => undefined });
    this.server.addMethod("call", async (params, target) => {
      try {
        return await target.run((params ?? {}) as Record<string, unknown>);
      } catch (error) {
        throw this.toException(error);
      }
    });
  }

  private toException(error: unknown): JSONRPCErrorException {
    if (error instanceof OdooError) return new JSONRPCErrorException(error.envelopeMessage, error.code, odooErrorData(error));
    const constraint = constraintKind(error);
    if (constraint === "invalid_value") return this.toException(valueError(constraintMessage(constraint)));
    if (constraint) return this.toException(validationError(constraintMessage(constraint)));
    this.logger.error("unexpected error", { error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
    const message = "An unexpected error occurred.";
    return new JSONRPCErrorException("Odoo Server Error", 200, { name: "builtins.Exception", message, arguments: [message], context: {} });
  }

  /** Parses and answers one request body. `status` is set by the route (e.g. 429). */
  async answer(body: Buffer, target: CallTarget, status: () => number): Promise<RpcAnswer> {
    let payload: unknown;
    try {
      const text = body.toString("utf8");
      // A lone surrogate (\ud800 escaped in JSON) cannot be stored as UTF-8: it becomes U+FFFD
      // here, once, so what is stored is exactly what every later answer returns.
      payload = LONE_SURROGATE_ESCAPE.test(text) ? JSON.parse(text, wellFormedStrings) : JSON.parse(text);
    } catch {
      return transportError("parse");
    }
    if (!payload || typeof payload !== "object" || Array.isArray(payload) || !isJSONRPCRequest(payload as JSONRPCRequest)) {
      return transportError("invalidRequest", (payload as { id?: unknown } | null)?.id);
    }
    const request = payload as JSONRPCRequest;
    const params = request.params;
    if (params !== undefined && params !== null && (typeof params !== "object" || Array.isArray(params))) return transportError("invalidRequest", request.id);
    // Odoo ignores `method` (the URL routes the call) and answers requests without an id too.
    const normalized: JSONRPCRequest = { jsonrpc: "2.0", method: "call", params: params ?? {}, id: request.id ?? null };
    let returnedNothing = false;
    const tracked: CallTarget = {
      run: async (p) => {
        const result = await target.run(p);
        returnedNothing = result === undefined;
        return result;
      },
    };
    const response = (await this.server.receive(normalized, tracked)) as JSONRPCResponse;
    // As Odoo: a route that returns None leaves `result` out.
    if (returnedNothing && "result" in response) delete (response as { result?: unknown }).result;
    // A result already serialized (a step's View) goes in as its text: the same bytes as
    // JSON.stringify(response), whose keys come in this order.
    const known = "result" in response ? knownJsonText(response.result) : undefined;
    if (known !== undefined) return { status: status(), body: `{"jsonrpc":"2.0","id":${JSON.stringify(response.id)},"result":${known}}` };
    return { status: status(), body: JSON.stringify(response) };
  }
}
