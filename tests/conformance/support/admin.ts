// Helpers of the admin-side conformance tests (Odoo JSON-RPC). Only HTTP to BASE_URL, so they
// also run against a real Odoo 17/18 with the addon. Env: BASE_URL, ODOO_DB (default: first of
// /web/database/list, else chatbot_bridge), ADMIN_LOGIN/ADMIN_PASSWORD (admin/admin),
// OPERATOR_LOGIN/OPERATOR_PASSWORD (operator/operator).
import { OdooClient, type Domain } from "../../../src/rpc/odoo-client.ts";
import { JsonRpcTransport } from "../../../src/rpc/transport.ts";
import { RpcError } from "../../../src/rpc/errors.ts";

export const BASE_URL = (process.env.BASE_URL ?? "").replace(/\/$/, "");
if (!BASE_URL) throw new Error("BASE_URL is not set: the conformance suite needs a running server");

// A real Odoo answers a login in about a second (password hashing): QUnit's 3 s default is short.
QUnit.config.testTimeout = Math.max(QUnit.config.testTimeout ?? 0, 60_000);

/** The embedded ERP (as opposed to a real Odoo): some transport details are ours only. */
export const EMBEDDED = process.env.CONFORMANCE_SERVER === "embedded";

let dbPromise: Promise<string> | undefined;
export function odooDb(): Promise<string> {
  dbPromise ??= (async () => {
    if (process.env.ODOO_DB) return process.env.ODOO_DB;
    if (process.env.CONFORMANCE_DB_NAME) return process.env.CONFORMANCE_DB_NAME;
    try {
      const list = await anonymous().listDatabases();
      if (list.length) return list[0]!;
    } catch {
      /* list_db may be off on a real Odoo */
    }
    return "chatbot_bridge";
  })();
  return dbPromise;
}

/** A client with no session. */
export function anonymous(): OdooClient {
  return new OdooClient(new JsonRpcTransport({ baseUrl: BASE_URL, cookieJar: true }));
}

export async function loginAs(login: string, password: string): Promise<OdooClient> {
  const client = anonymous();
  await client.authenticate(await odooDb(), login, password);
  return client;
}

export const ADMIN = { login: process.env.ADMIN_LOGIN ?? "admin", password: process.env.ADMIN_PASSWORD ?? "admin" };
export const OPERATOR = { login: process.env.OPERATOR_LOGIN ?? "operator", password: process.env.OPERATOR_PASSWORD ?? "operator" };

export const asAdmin = () => loginAs(ADMIN.login, ADMIN.password);
export const asOperator = () => loginAs(OPERATOR.login, OPERATOR.password);

/** Major version of the server, from the session info ("18.0" → 18). */
export async function serverMajor(client: OdooClient): Promise<number> {
  const info = await client.sessionInfo();
  return Number(String(info.server_version ?? "0").split(/[.~-]/)[0]?.replace(/\D/g, "") || 0);
}

/** The RpcError a call fails with (fails the test when the call succeeds). */
export async function rpcError(assert: Assert, promise: Promise<unknown>, label: string): Promise<RpcError> {
  try {
    const result = await promise;
    assert.ok(false, `${label}: expected an error, got ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof RpcError) {
      // Odoo's own routes put the stack trace in `debug`; the embedded ERP never does.
      if (EMBEDDED) assert.notOk(error.data && "debug" in error.data, `${label}: no stack trace in the answer`);
      return error;
    }
    assert.ok(false, `${label}: expected an RPC error, got ${String(error)}`);
  }
  return new RpcError(0, "none", undefined);
}

/** Asserts the call fails with this Odoo exception name (and, if given, this message). */
export async function expectError(assert: Assert, promise: Promise<unknown>, names: string | string[], label: string, message?: string | RegExp): Promise<RpcError> {
  const error = await rpcError(assert, promise, label);
  const wanted = Array.isArray(names) ? names : [names];
  assert.ok(wanted.includes(error.data?.name ?? ""), `${label}: ${error.data?.name} is one of ${wanted.join(", ")}`);
  if (typeof message === "string") assert.strictEqual(error.data?.message, message, `${label}: message`);
  else if (message) assert.ok(message.test(error.data?.message ?? ""), `${label}: message ${JSON.stringify(error.data?.message)} matches ${message}`);
  return error;
}

let counter = 0;
/** A title no other test (or earlier run) uses. */
export function uniqueTitle(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export interface StepInput {
  step_type: string;
  message?: string | false;
  answers?: string[];
  sequence?: number;
}

export interface ScriptFixture {
  id: number;
  steps: number[];
  /** Answer ids per step index (questions only). */
  answers: number[][];
}

/** Creates a script and its steps (one create per step, as the steps dialog saves them). */
export async function makeScript(admin: OdooClient, title: string, steps: StepInput[] = []): Promise<ScriptFixture> {
  const id = await admin.create("chatbot.script", { title });
  const stepIds: number[] = [];
  const answers: number[][] = [];
  for (const step of steps) {
    const stepId = await admin.create("chatbot.script.step", {
      chatbot_script_id: id,
      step_type: step.step_type,
      message: step.message ?? false,
      ...(step.sequence !== undefined ? { sequence: step.sequence } : {}),
      ...(step.answers ? { answer_ids: step.answers.map((name, i) => [0, 0, { name, sequence: i + 1 }]) } : {}),
    });
    stepIds.push(stepId);
    const [row] = await admin.read<{ answer_ids: number[] }>("chatbot.script.step", [stepId], ["answer_ids"]);
    answers.push(row!.answer_ids);
  }
  return { id, steps: stepIds, answers };
}

export async function readOne<T = Record<string, unknown>>(client: OdooClient, model: string, id: number, fields: string[], context: Record<string, unknown> = {}): Promise<T> {
  const [row] = await client.read<T>(model, [id], fields, { context });
  return row!;
}

export async function sequencesOf(client: OdooClient, scriptId: number): Promise<number[]> {
  const rows = await client.searchRead<{ sequence: number }>("chatbot.script.step", [["chatbot_script_id", "=", scriptId]] as Domain, ["sequence"], { order: "sequence, id" });
  return rows.map((row) => row.sequence);
}
