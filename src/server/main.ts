// `npm start`: the embedded ERP. Reads the configuration, opens and migrates the database,
// seeds it on first start, serves HTTP, and stops cleanly on SIGTERM/SIGINT.
import { ConfigError, isLoopback, loadConfig, type ServerConfig } from "./config.ts";
import { createLogger, type Logger } from "./log.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { runMigrations } from "./db/migrations.ts";
import { Registry } from "./orm/registry.ts";
import { syncSchema } from "./orm/schema.ts";
import { Env, SUPERUSER_ID } from "./orm/env.ts";
import { MODEL_DEFINITIONS } from "./models/index.ts";
import { HttpApp } from "./http/app.ts";
import { sessionResolver } from "./auth/sessions.ts";
import { needsSeed, seed } from "./seed/seed.ts";
import { SERVER_MODULES } from "./modules.ts";
import { checkPassword, setPassword } from "./auth/passwords.ts";

export interface RunningErp {
  app: HttpApp;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** Opens, migrates, seeds and serves; returns once listening. */
export async function startErp(config: ServerConfig, logger: Logger): Promise<RunningErp> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, name: config.dbName });
  const registry = new Registry(MODEL_DEFINITIONS);
  // Several processes may start together on one PostgreSQL: one migrates and seeds at a time.
  const { migrated, seeded, replaced } = await database.helpers.withStartupLock(database.kysely, async () => {
    const migrated = await runMigrations(database);
    await syncSchema(database, registry);
    const seeded = await database.transaction(async (trx) => {
      const env = new Env(database, trx, registry, SUPERUSER_ID);
      if (!(await needsSeed(env))) return false;
      await seed(env, config);
      for (const module of SERVER_MODULES) await module.seed?.(env, config);
      return true;
    });
    const replaced = isLoopback(config.host)
      ? []
      : await database.transaction((trx) => replaceDefaultPasswords(new Env(database, trx, registry, SUPERUSER_ID), config));
    return { migrated, seeded, replaced };
  });
  if (migrated) logger.info("migrated", { migrations: migrated });
  if (seeded) logger.info("seeded", { database: database.dialect });
  for (const login of replaced) logger.warn("default password replaced", { login });

  const app = new HttpApp({ database, registry, logger, resolveSession: sessionResolver(database) });
  for (const module of SERVER_MODULES) await module.register?.(app, config);
  const url = await app.listen(config.host, config.port);
  for (const module of SERVER_MODULES) await module.start?.(app, config);

  return {
    app,
    database,
    url,
    async stop() {
      for (const module of [...SERVER_MODULES].reverse()) await module.stop?.();
      await app.close();
      await database.close();
    },
  };
}

/**
 * A database seeded on loopback keeps the default passwords (the logins). Listening anywhere
 * else, a seeded user still accepting its login as password gets the configured one instead,
 * so a default password never works off loopback; passwords changed since are left alone.
 */
async function replaceDefaultPasswords(env: Env, config: ServerConfig): Promise<string[]> {
  const replaced: string[] = [];
  for (const [login, password] of [
    ["admin", config.adminPassword],
    ["operator", config.operatorPassword],
  ] as const) {
    const [user] = await env.model("res.users").withActive(false).searchRead([["login", "=", login]], ["id"]);
    if (user && (await checkPassword(env, Number(user.id), login))) {
      await setPassword(env, Number(user.id), password);
      replaced.push(login);
    }
  }
  return replaced;
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const erp = await startErp(config, logger);
  const where = config.databaseUrl ? "PostgreSQL" : `SQLite in ${config.dataDir}`;
  // For a person: where to go and how to log in (the listening line below is for machines).
  if (process.stdout.isTTY || process.env.LOG_LEVEL !== "warn") {
    process.stderr.write(
      [
        `Chatbot Bridge embedded ERP — database "${config.dbName}" (${where})`,
        `  Admin app:    ${erp.url}/web   (login admin${process.env.ADMIN_PASSWORD ? "" : " / admin"}, or operator${process.env.OPERATOR_PASSWORD ? "" : " / operator"})`,
        `  Demo website: ${erp.url}/  and  ${erp.url}/contactus`,
        `  JSON-RPC:     ${erp.url}/web/dataset/call_kw   Bridge v1: ${erp.url}/chatbot_bridge/v1/`,
        "",
      ].join("\n"),
    );
  }
  // Always printed, whatever LOG_LEVEL: tests and process managers wait for it.
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "listening", url: erp.url, database: erp.database.dialect, db: config.dbName }) + "\n");

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
    erp.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error("shutdown failed", { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
