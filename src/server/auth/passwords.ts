// Password hashes (scrypt, per-user salt) in their own table, never exposed by the models.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
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

export async function setPassword(env: Env, uid: number, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await env.db.deleteFrom("res_users_password").where("user_id", "=", uid).execute();
  await env.db.insertInto("res_users_password").values({ user_id: uid, hash }).execute();
}

export async function checkPassword(env: Env, uid: number, password: string): Promise<boolean> {
  const row = await env.db.selectFrom("res_users_password").select("hash").where("user_id", "=", uid).executeTakeFirst();
  return row ? verifyPassword(password, String(row.hash)) : false;
}
