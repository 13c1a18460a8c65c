// Password hashes (scrypt, per-user salt) in their own table, never exposed by the models.
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { Env } from "../orm/env.ts";

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length);
  return timingSafeEqual(actual, expected);
}

/**
 * Successful checks, remembered briefly: /jsonrpc sends the password with every call and scrypt
 * is deliberately slow. Keyed by a digest, never the password itself.
 */
const recentChecks = new Map<string, number>();
const RECENT_CHECK_MS = 60_000;
const checkKey = (uid: number, password: string) => `${uid}:${createHash("sha256").update(password).digest("base64")}`;

export async function setPassword(env: Env, uid: number, password: string): Promise<void> {
  for (const key of recentChecks.keys()) if (key.startsWith(`${uid}:`)) recentChecks.delete(key);
  const hash = await hashPassword(password);
  await env.db.deleteFrom("res_users_password").where("user_id", "=", uid).execute();
  await env.db.insertInto("res_users_password").values({ user_id: uid, hash }).execute();
}

export async function checkPassword(env: Env, uid: number, password: string): Promise<boolean> {
  const key = checkKey(uid, password);
  const until = recentChecks.get(key);
  if (until && until > Date.now()) return true;
  const row = await env.db.selectFrom("res_users_password").select("hash").where("user_id", "=", uid).executeTakeFirst();
  const ok = row ? await verifyPassword(password, String(row.hash)) : false;
  if (ok) {
    if (recentChecks.size > 10_000) recentChecks.clear();
    recentChecks.set(key, Date.now() + RECENT_CHECK_MS);
  }
  return ok;
}
