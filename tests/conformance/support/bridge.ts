// Shared helpers of the bridge conformance suite. Everything goes over HTTP to BASE_URL, so
// the same tests run against the embedded ERP and against a real Odoo with the addon.
//
// Env: BASE_URL (required), CONFORMANCE_DB_NAME (database; default: first of
// /web/database/list), ADMIN_LOGIN / ADMIN_PASSWORD (default admin/admin),
// OPERATOR_LOGIN / OPERATOR_PASSWORD (default operator/operator, embedded ERP only).
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { BridgeClient } from "../../../src/rpc/bridge-client.ts";
import { OdooClient } from "../../../src/rpc/odoo-client.ts";
import { JsonRpcTransport } from "../../../src/rpc/transport.ts";
import { RpcError } from "../../../src/rpc/errors.ts";
import { BRIDGE_ROUTES, type BridgeFeature, type BridgeMessage, type BridgeView, type InitResult } from "../../../src/protocol/bridge.ts";
import type { StepType } from "../../../src/protocol/odoo.ts";

export const BASE_URL = (process.env.BASE_URL ?? "").replace(/\/$/, "");
if (!BASE_URL) throw new Error("BASE_URL is not set: the conformance suite needs a running server");

const ROOT = new URL("../../../", import.meta.url).pathname;

/** A visitor: no cookie at all, the token is its identity. */
export function visitor(): BridgeClient {
  return new BridgeClient({ baseUrl: BASE_URL });
}

/** A bridge client that carries a login session (open_test, operator routes). */
export function bridgeWithSession(odoo: OdooClient): BridgeClient {
  return new BridgeClient(odoo.transport);
}

let databaseName: Promise<string> | undefined;
export function dbName(): Promise<string> {
  databaseName ??= (async () => {
    if (process.env.CONFORMANCE_DB_NAME) return process.env.CONFORMANCE_DB_NAME;
    const list = await new OdooClient({ baseUrl: BASE_URL }).listDatabases();
    if (!list.length) throw new Error("no database listed; set CONFORMANCE_DB_NAME");
    return list[0]!;
  })();
  return databaseName;
}

export async function login(loginName: string, password: string): Promise<OdooClient> {
  const client = new OdooClient(new JsonRpcTransport({ baseUrl: BASE_URL, cookieJar: true }));
  await client.authenticate(await dbName(), loginName, password);
  return client;
}

export function loginAdmin(): Promise<OdooClient> {
  return login(process.env.ADMIN_LOGIN ?? "admin", process.env.ADMIN_PASSWORD ?? "admin");
}

export function loginOperator(): Promise<OdooClient> {
  return login(process.env.OPERATOR_LOGIN ?? "operator", process.env.OPERATOR_PASSWORD ?? "operator");
}

/** Raw POST of a JSON-RPC body (or anything) to a path; returns status and parsed body. */
export async function rawPost(path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const response = await fetch(BASE_URL + path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON: the caller asserts on it */
  }
  return { status: response.status, json, text, headers: response.headers };
}

export function envelope(params: unknown, id = 1): string {
  return JSON.stringify({ jsonrpc: "2.0", method: "call", params, id });
}

// ---------------------------------------------------------------------------------------
// Server capabilities: read once from `init`, so feature tests can be marked not applicable.

const DEFAULT_CHANNEL_ID = Number(process.env.CONFORMANCE_CHANNEL_ID ?? 1);
export const CONTACTUS_URL = `${BASE_URL}/contactus`;

export async function serverInit(): Promise<InitResult> {
  return visitor().init({ channel_id: DEFAULT_CHANNEL_ID, url: CONTACTUS_URL });
}

/**
 * What this server can do, probed once while the test files load (QUnit declares tests
 * synchronously, so the probe runs synchronously in a child process).
 */
interface Probe {
  init: InitResult;
  operatorRoutes: boolean;
  countryBE: number | null;
}

function probeServer(): Probe {
  const script = `
    const base = process.argv[1];
    const post = (path, params, cookie) => fetch(base + path, { method: "POST", headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ jsonrpc: "2.0", method: "call", params, id: 1 }) });
    (async () => {
      const init = (await (await post(${JSON.stringify(BRIDGE_ROUTES.init)}, { channel_id: ${DEFAULT_CHANNEL_ID}, url: base + "/contactus" })).json()).result;
      const presence = await post(${JSON.stringify(BRIDGE_ROUTES.operatorPresence)}, { online: false });
      let countryBE = null;
      try {
        const db = process.argv[2] || (await (await post("/web/database/list", {})).json()).result[0];
        const auth = await post("/web/session/authenticate", { db, login: process.argv[3], password: process.argv[4] });
        const cookie = (auth.headers.get("set-cookie") || "").split(";")[0];
        const found = await (await post("/web/dataset/call_kw/res.country/search", { model: "res.country", method: "search", args: [[["code", "=", "BE"]]], kwargs: {} }, cookie)).json();
        countryBE = Array.isArray(found.result) && found.result.length ? found.result[0] : null;
      } catch {}
      process.stdout.write(JSON.stringify({ init, operatorRoutes: presence.status !== 404, countryBE }));
    })().catch((e) => { process.stderr.write(String(e)); process.exit(1); });`;
  const out = execFileSync(
    process.execPath,
    ["-e", script, BASE_URL, process.env.CONFORMANCE_DB_NAME ?? "", process.env.ADMIN_LOGIN ?? "admin", process.env.ADMIN_PASSWORD ?? "admin"],
    { encoding: "utf8", timeout: 30_000 },
  );
  return JSON.parse(out) as Probe;
}

const PROBE = probeServer();
if (!PROBE.init?.server) throw new Error(`${BASE_URL} does not answer bridge v1 init`);
export const SERVER = PROBE.init.server;
export const PUSH = PROBE.init.push;
export const DEFAULT_CHANNEL = DEFAULT_CHANNEL_ID;
/** res.country id of Belgium where the server has countries (country rules), else null. */
export const COUNTRY_BE = PROBE.countryBE;

export function hasFeature(feature: BridgeFeature): boolean {
  return SERVER.features.includes(feature);
}

/** Set by the test orchestrator when it runs the suite against the embedded ERP it started. */
export const EMBEDDED_ERP = process.env.CONFORMANCE_SERVER === "embedded";

/** The embedded ERP's operator routes exist (Odoo uses Discuss instead). */
export const HAS_OPERATOR_ROUTES = PROBE.operatorRoutes;

/**
 * Declares a test that only applies when `applicable` is true; otherwise QUnit reports it as
 * skipped (the suite's "not applicable" count), never as passed.
 */
export function testIf(name: string, applicable: boolean, why: string, callback: (assert: Assert) => Promise<void> | void): void {
  if (applicable) QUnit.test(name, callback);
  else QUnit.skip(`${name} [not applicable: ${why}]`);
}

// ---------------------------------------------------------------------------------------
// Scripts made for a test, over call_kw as admin.

export interface StepSpec {
  type: StepType;
  message?: string | false;
  answers?: (string | { name: string; redirect_link?: string })[];
  /** "Only If": [step index, answer index] pairs of earlier steps. */
  onlyIf?: [number, number][];
  extra?: Record<string, unknown>;
}

export interface MadeScript {
  id: number;
  title: string;
  steps: { id: number; type: StepType; message: string | false; answers: { id: number; name: string }[] }[];
}

let scriptCounter = 0;

export async function createScript(admin: OdooClient, steps: StepSpec[], title?: string): Promise<MadeScript> {
  const scriptTitle = title ?? `Conformance Bot ${Date.now().toString(36)}-${++scriptCounter}`;
  const id = await admin.create("chatbot.script", { title: scriptTitle });
  const made: MadeScript = { id, title: scriptTitle, steps: [] };
  let sequence = 0;
  for (const spec of steps) {
    const values: Record<string, unknown> = {
      chatbot_script_id: id,
      step_type: spec.type,
      message: spec.message === undefined ? `${spec.type} step ${sequence}` : spec.message,
      sequence: sequence++,
      ...(spec.extra ?? {}),
    };
    if (spec.answers) {
      values.answer_ids = spec.answers.map((answer, index) => [0, 0, { ...(typeof answer === "string" ? { name: answer } : answer), sequence: index + 1 }]);
    }
    if (spec.onlyIf) {
      values.triggering_answer_ids = [[6, 0, spec.onlyIf.map(([step, answer]) => made.steps[step]!.answers[answer]!.id)]];
    }
    const stepId = await admin.create("chatbot.script.step", values);
    const answers = spec.answers
      ? await admin.searchRead<{ id: number; name: string }>("chatbot.script.answer", [["script_step_id", "=", stepId]], ["name"], { order: "sequence, id" })
      : [];
    made.steps.push({ id: stepId, type: spec.type, message: values.message as string | false, answers: answers.map((a) => ({ id: a.id, name: a.name })) });
  }
  return made;
}

// ---------------------------------------------------------------------------------------
// Conversations.

let messageCounter = 0;
export function msgId(): string {
  return `m-${process.pid}-${Date.now().toString(36)}-${++messageCounter}`;
}

/** Answers the current question with the answer named `name`. */
export function answerNamed(view: BridgeView, name: string): number {
  const answer = view.step?.answers.find((a) => a.name === name);
  if (!answer) throw new Error(`no answer "${name}" on step ${JSON.stringify(view.step)}`);
  return answer.id;
}

export function bodies(messages: BridgeMessage[], authors?: BridgeMessage["author"][]): string[] {
  return messages.filter((m) => !authors || authors.includes(m.author)).map((m) => m.body);
}

/** Expects `promise` to reject with an Odoo error of `name` and exactly `message`. */
export async function rejectsWith(assert: Assert, promise: Promise<unknown>, name: string, message: string, label = message): Promise<RpcError | undefined> {
  try {
    await promise;
    assert.ok(false, `${label}: expected ${name}, the call succeeded`);
    return undefined;
  } catch (error) {
    if (!(error instanceof RpcError)) {
      assert.ok(false, `${label}: expected an RpcError, got ${String(error)}`);
      return undefined;
    }
    assert.strictEqual(error.data?.name, name, `${label}: error name`);
    assert.strictEqual(error.data?.message, message, `${label}: error text`);
    assert.notOk(error.data?.debug, `${label}: no debug/stack trace`);
    return error;
  }
}

// ---------------------------------------------------------------------------------------
// Transcripts recorded on real Odoo.

export interface TranscriptLine {
  who: "bot" | "visitor";
  text: string;
  answers?: string[];
  step_id?: number;
}
export interface Transcript {
  odoo_version: number;
  scenario: string;
  visitor_sees: TranscriptLine[];
  ended: string;
}

export function readTranscript(version: 17 | 18, scenario: string): Transcript {
  return JSON.parse(readFileSync(`${ROOT}../shared/transcripts/visitor_${version}_${scenario}.json`, "utf8")) as Transcript;
}
