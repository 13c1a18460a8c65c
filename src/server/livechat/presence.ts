// Operator availability as Odoo: a member of the livechat channel (archived users are not) who is
// online. Online means the inbox's heartbeat came less than 60 s ago and the operator did not go
// offline.
import type { Env } from "../orm/env.ts";
import { nowDatetime, toOdooDatetime } from "../orm/values.ts";

export const PRESENCE_TIMEOUT_MS = 60_000;

export async function setPresence(env: Env, userId: number, online: boolean): Promise<void> {
  const presences = env.model("chatbot_bridge.presence");
  const [existing] = await presences.search([["user_id", "=", userId]], { limit: 1 });
  const values = { last_seen: nowDatetime(), online };
  if (existing) await presences.write([existing], values);
  else await presences.create([{ user_id: userId, ...values }]);
}

/** The users among `userIds` who are online at `now`. */
export async function onlineUsers(env: Env, userIds: number[], now = Date.now()): Promise<number[]> {
  if (!userIds.length) return [];
  const since = toOdooDatetime(new Date(now - PRESENCE_TIMEOUT_MS));
  const rows = await env.model("chatbot_bridge.presence").searchRead(
    [
      ["user_id", "in", userIds],
      ["online", "=", true],
      ["last_seen", ">=", since],
    ],
    ["user_id"],
  );
  const online = new Set(rows.map((row) => (row.user_id as [number, string])[0]));
  return userIds.filter((id) => online.has(id));
}

/** Operators of a livechat channel (its `user_ids`). */
export async function channelOperators(env: Env, livechatChannelId: number): Promise<number[]> {
  const channels = env.model("im_livechat.channel");
  if (!(await channels.exists([livechatChannelId])).length) return [];
  const [channel] = await channels.read([livechatChannelId], ["user_ids"]);
  return (channel?.user_ids as number[] | undefined) ?? [];
}

export async function availableOperators(env: Env, livechatChannelId: number | null): Promise<number[]> {
  if (!livechatChannelId) return [];
  return onlineUsers(env, await channelOperators(env, livechatChannelId));
}

/** "fr-BE" (BCP 47) and "fr_BE" (Odoo) name the same language. */
const sameLang = (a: string, b: string) => a.replace("-", "_").toLowerCase() === b.replace("-", "_").toLowerCase();

/**
 * The operator a forward hands over to, as Odoo's `_get_operator`: among the available ones,
 * those speaking the visitor's language first, then anyone; the least busy (fewest ongoing
 * conversations) within that, lowest id first on ties.
 */
export async function pickOperator(env: Env, livechatChannelId: number | null, lang: string | null = null): Promise<number | null> {
  let available = await availableOperators(env, livechatChannelId);
  if (!available.length) return null;
  if (lang && available.length > 1) {
    const users = await env.model("res.users").read(available, ["lang"]);
    const speakers = users.filter((user) => typeof user.lang === "string" && sameLang(user.lang, lang)).map((user) => user.id);
    if (speakers.length) available = speakers;
  }
  const ongoing = await env.model("discuss.channel").searchRead(
    [
      ["bridge_operator_user_id", "in", available],
      ["bridge_state", "=", "operator"],
      ["bridge_closed", "=", false],
    ],
    ["bridge_operator_user_id"],
  );
  const load = new Map<number, number>(available.map((id) => [id, 0]));
  for (const row of ongoing) {
    const id = (row.bridge_operator_user_id as [number, string])[0];
    load.set(id, (load.get(id) ?? 0) + 1);
  }
  return [...available].sort((a, b) => load.get(a)! - load.get(b)! || a - b)[0]!;
}
