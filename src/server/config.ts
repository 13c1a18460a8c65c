// Server configuration from the environment. Default passwords (the login itself) are only
// accepted while listening on loopback; anywhere else a real password must be given.
import { resolve } from "node:path";

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  dbName: string;
  adminPassword: string;
  operatorPassword: string;
  logLevel: string;
}

export class ConfigError extends Error {}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith("127.");
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const host = env.HOST || "127.0.0.1";
  const port = env.PORT === undefined || env.PORT === "" ? 8069 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number (0 for any free port), not "${env.PORT}".`);
  const dbName = env.DB_NAME || "chatbot_bridge";
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(dbName)) throw new ConfigError(`DB_NAME may only hold letters, digits, "_", "." and "-".`);
  const loopback = isLoopback(host);
  const password = (name: string, login: string) => {
    const given = env[name];
    if (!loopback && (!given || given === login))
      throw new ConfigError(`${name} must be set when listening on ${host}: the default password "${login}" is only allowed on loopback (127.0.0.1).`);
    return given || login;
  };
  return {
    host,
    port,
    dataDir: resolve(env.DATA_DIR || "./data"),
    databaseUrl: env.DATABASE_URL || undefined,
    dbName,
    adminPassword: password("ADMIN_PASSWORD", "admin"),
    operatorPassword: password("OPERATOR_PASSWORD", "operator"),
    logLevel: env.LOG_LEVEL || "info",
  };
}
