// Odoo's JSON-RPC error envelope as a typed error, for every client.

export interface OdooErrorData {
  name: string;
  message: string;
  arguments?: unknown[];
  context?: Record<string, unknown>;
  debug?: string;
}

export class RpcError extends Error {
  readonly code: number;
  readonly data: OdooErrorData | undefined;
  /** HTTP status of the answer (200 for Odoo's route errors). */
  readonly status: number;
  constructor(code: number, message: string, data: OdooErrorData | undefined, status = 200) {
    super(data?.message ?? message);
    this.name = "RpcError";
    this.code = code;
    this.data = data;
    this.status = status;
  }
  /** e.g. "odoo.exceptions.ValidationError". */
  get exceptionName(): string | undefined {
    return this.data?.name;
  }
}

/** The network failed or the answer was not JSON-RPC. */
export class ConnectionError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = "ConnectionError";
  }
}
