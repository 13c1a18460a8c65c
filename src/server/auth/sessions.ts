// Login sessions stored in the database (so several processes share them), identified by a
// random 256-bit id in the `session_id` cookie, expiring after a week without use.
import { randomBytes } from "node:crypto";
import type { Database } from "../db/database.ts";
import type { Session } from "../http/context.ts";
import { withImplied } from "./groups.ts";

export const SESSION_LIFETIME_S = 60 * 60 * 24 * 7;
/** last_seen is refreshed at most this often, to keep reads cheap. */
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

export async function createSession(database: Database, uid: number): Promise<string> {
  const sid = newSessionId();
  const now = new Date().toISOString();
  await database.kysely.insertInto("http_session").values({ sid, uid, context: "{}", create_date: now, last_seen: now }).execute();
  return sid;
}

export async function destroySession(database: Database, sid: string): Promise<void> {
  await database.kysely.deleteFrom("http_session").where("sid", "=", sid).execute();
}

/** The user of a user id, as a Session (null when the user is archived or unknown). */
export async function loadUserSession(database: Database, sid: string, uid: number): Promise<Session | null> {
  const user = await database.kysely
    .selectFrom("res_users")
    .select(["id", "login", "name", "partner_id", "group_xmlids", "active", "tz", "lang"])
    .where("id", "=", uid)
    .executeTakeFirst();
  if (!user || !(user.active === true || user.active === 1)) return null;
  const groups = withImplied(String(user.group_xmlids ?? "").split(/\s+/).filter(Boolean));
  return {
    sid,
    uid: Number(user.id),
    login: String(user.login),
    name: String(user.name),
    partnerId: Number(user.partner_id),
    groups,
    context: { lang: user.lang ?? "en_US", tz: user.tz ?? "Europe/Brussels", uid: Number(user.id) },
  };
}

export function sessionResolver(database: Database) {
  return async (sid: string): Promise<Session | null> => {
    if (!sid || sid.length > 128) return null;
    const row = await database.kysely.selectFrom("http_session").select(["uid", "last_seen"]).where("sid", "=", sid).executeTakeFirst();
    if (!row || row.uid === null) return null;
    const lastSeen = Date.parse(String(row.last_seen));
    if (Date.now() - lastSeen > SESSION_LIFETIME_S * 1000) {
      await destroySession(database, sid);
      return null;
    }
    if (Date.now() - lastSeen > TOUCH_INTERVAL_MS) {
      await database.kysely.updateTable("http_session").set({ last_seen: new Date().toISOString() }).where("sid", "=", sid).execute();
    }
    return loadUserSession(database, sid, Number(row.uid));
  };
}
