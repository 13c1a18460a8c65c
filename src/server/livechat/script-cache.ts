// Scripts as the visitor hot path reads them, kept per process. Any create, write or unlink of
// a script, step or answer (through the models) gives the shared version row a new random value
// in the same transaction; a reader compares that value with the one its cache was filled at,
// so a script changed by any process (several may share PostgreSQL) is read again. Random, not
// a counter: a value of a rolled-back change can never come back. On SQLite one process owns
// the file, so the value this process last wrote is the current one and is not read again.
import { randomBytes } from "node:crypto";
import { prepared } from "../db/prepared.ts";
import type { Env } from "../orm/env.ts";
import { nowDatetime } from "../orm/values.ts";
import { loadScript, type LoadedScript } from "./script-loader.ts";

const TABLE = "chatbot_bridge_script_version";
const KEY = "chatbot.script";
/** Far more scripts than any site has; past it the cache starts over. */
const MAX_SCRIPTS = 1_000;

/** SQLite databases → the version this process last wrote or read. */
const knownHere = new WeakMap<object, string | null>();

/** Marks every cached script stale (the `changed` hook of the script, step and answer models). */
export async function scriptsChanged(env: Env): Promise<void> {
  const now = nowDatetime();
  const version = randomBytes(9).toString("base64url");
  // Set before the write: if the change rolls back, the scripts are only read once more.
  if (env.database.dialect === "sqlite") knownHere.set(env.database, version);
  await env.db
    .insertInto(TABLE)
    .values({ key: KEY, version, create_date: now, write_date: now, create_uid: env.uid, write_uid: env.uid })
    .onConflict((conflict) => conflict.column("key").doUpdateSet({ version, write_date: now, write_uid: env.uid }))
    .execute();
}

const selectVersion = prepared<Record<string, never>, { version: unknown }>((db) => db.selectFrom(TABLE).select("version").where("key", "=", KEY));

async function currentVersion(env: Env): Promise<string | null> {
  const sqlite = env.database.dialect === "sqlite";
  if (sqlite && knownHere.has(env.database)) return knownHere.get(env.database)!;
  const [row] = await selectVersion(env, {});
  const version = row ? String(row.version) : null;
  if (!sqlite) return version;
  // A change written meanwhile wins over what this read saw.
  if (!knownHere.has(env.database)) knownHere.set(env.database, version);
  return knownHere.get(env.database)!;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export class ScriptCache {
  private version: string | null | undefined = undefined;
  private readonly scripts = new Map<number, LoadedScript>();

  /** The script as `loadScript` reads it; callers must not change the object. */
  async get(env: Env, scriptId: number): Promise<LoadedScript | null> {
    // The version is read before the script, so what is cached is never older than its version.
    const version = await currentVersion(env);
    if (version !== this.version) {
      this.scripts.clear();
      this.version = version;
    }
    const cached = this.scripts.get(scriptId);
    if (cached) return cached;
    const script = await loadScript(env, scriptId);
    // Kept only when no newer version was seen meanwhile (this read may predate it). Missing
    // scripts are not kept: any number could be asked for.
    if (script && this.version === version) {
      if (this.scripts.size >= MAX_SCRIPTS) this.scripts.clear();
      // Frozen: shared by every conversation, and the engine keeps the index of a frozen script.
      this.scripts.set(scriptId, deepFreeze(script));
    }
    return script;
  }
}
