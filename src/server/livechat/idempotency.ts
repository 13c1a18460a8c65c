// Retried calls: the first result of (scope, client key) is kept and returned again, for at
// least 24 hours. The scope is the visitor's token (or the channel for session/open).
import type { Env } from "../orm/env.ts";
import { toOdooDatetime } from "../orm/values.ts";

const MODEL = "chatbot_bridge.request";
export const KEEP_RESULTS_MS = 48 * 3600_000;

export async function recall<T>(env: Env, scope: string, key: string): Promise<T | undefined> {
  const rows = await env.model(MODEL).searchRead([["token", "=", scope], ["client_key", "=", key]], ["result"], { limit: 1 });
  return rows[0] ? (JSON.parse(String(rows[0].result)) as T) : undefined;
}

export async function remember(env: Env, scope: string, key: string, result: unknown): Promise<void> {
  await env.model(MODEL).create([{ token: scope, client_key: key, result: JSON.stringify(result) }]);
}

/** Drops results older than the keeping time. */
export async function forgetOldResults(env: Env, now = Date.now()): Promise<void> {
  const model = env.model(MODEL);
  const old = await model.search([["create_date", "<", toOdooDatetime(new Date(now - KEEP_RESULTS_MS))]]);
  if (old.length) await model.unlink(old);
}
