// Retried calls: the first result of (scope, client key) is kept and returned again, for at
// least 24 hours. The scope is the visitor's token (or the channel for session/open).
import type { Executor } from "../db/database.ts";
import { prepared } from "../db/prepared.ts";
import { jsonText } from "../http/json-text.ts";
import type { Env } from "../orm/env.ts";
import { nowDatetime, toOdooDatetime } from "../orm/values.ts";

const MODEL = "chatbot_bridge.request";
export const KEEP_RESULTS_MS = 48 * 3600_000;

// Checked on every retryable call: read and written on the model's table directly.
const TABLE = "chatbot_bridge_request";

const selectResult = prepared<{ token: string; key: string }, { result: unknown }>((db, slot) =>
  db.selectFrom(TABLE).select("result").where("token", "=", slot("token")).where("client_key", "=", slot("key")),
);
const insertResult = prepared<{ token: string; key: string; result: string; now: string; uid: number }, unknown>((db, slot) =>
  db.insertInto(TABLE).values({ token: slot("token"), client_key: slot("key"), result: slot("result"), create_date: slot("now"), write_date: slot("now"), create_uid: slot("uid"), write_uid: slot("uid") }),
);

/** The kept result of (scope, key) as a subquery, to be read with other rows in one statement. */
export function keptResultQuery(db: Executor, scope: unknown, key: unknown) {
  return db.selectFrom(TABLE).select("result").where("token", "=", scope).where("client_key", "=", key);
}

/** A kept result as stored (JSON text), or undefined when there is none. */
export function parseKept<T>(stored: unknown): T | undefined {
  return stored === null || stored === undefined ? undefined : (JSON.parse(String(stored)) as T);
}

export async function recall<T>(env: Env, scope: string, key: string): Promise<T | undefined> {
  const [row] = await selectResult(env, { token: scope, key });
  return parseKept<T>(row?.result);
}

export async function remember(env: Env, scope: string, key: string, result: object): Promise<void> {
  await insertResult(env, { token: scope, key, result: jsonText(result), now: nowDatetime(), uid: env.uid });
}

/** Drops results older than the keeping time. */
export async function forgetOldResults(env: Env, now = Date.now()): Promise<void> {
  const model = env.model(MODEL);
  const old = await model.search([["create_date", "<", toOdooDatetime(new Date(now - KEEP_RESULTS_MS))]]);
  if (old.length) await model.unlink(old);
}
