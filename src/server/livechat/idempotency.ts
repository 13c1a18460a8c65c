// Retried calls: the first result of (scope, client key) is kept and returned again, for at
// least 24 hours. The scope is the visitor's token (or the channel for session/open).
import type { Env } from "../orm/env.ts";
import { nowDatetime, toOdooDatetime } from "../orm/values.ts";

const MODEL = "chatbot_bridge.request";
export const KEEP_RESULTS_MS = 48 * 3600_000;

// Checked on every retryable call: read and written on the model's table directly.
const TABLE = "chatbot_bridge_request";

export async function recall<T>(env: Env, scope: string, key: string): Promise<T | undefined> {
  const row = await env.db.selectFrom(TABLE).select("result").where("token", "=", scope).where("client_key", "=", key).executeTakeFirst();
  return row ? (JSON.parse(String(row.result)) as T) : undefined;
}

export async function remember(env: Env, scope: string, key: string, result: unknown): Promise<void> {
  const now = nowDatetime();
  await env.db
    .insertInto(TABLE)
    .values({ token: scope, client_key: key, result: JSON.stringify(result), create_date: now, write_date: now, create_uid: env.uid, write_uid: env.uid })
    .execute();
}

/** Drops results older than the keeping time. */
export async function forgetOldResults(env: Env, now = Date.now()): Promise<void> {
  const model = env.model(MODEL);
  const old = await model.search([["create_date", "<", toOdooDatetime(new Date(now - KEEP_RESULTS_MS))]]);
  if (old.length) await model.unlink(old);
}
