// A throwaway PostgreSQL cluster (Debian's pg_createcluster) on a free loopback port, so a test
// can restart the database server under load without touching anyone else's cluster.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createServer } from "node:net";

export interface ThrowawayCluster {
  adminUrl: string;
  restart(): void;
  stop(): void;
  start(): void;
  drop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Why a throwaway cluster cannot be made here, or null. */
export function clusterUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "making a PostgreSQL cluster needs root (pg_createcluster)";
  try {
    execFileSync("pg_lsclusters", ["-h"], { stdio: "ignore" });
    return null;
  } catch {
    return "Debian's postgresql-common (pg_createcluster) is not installed";
  }
}

export async function createCluster(): Promise<ThrowawayCluster> {
  const version = readdirSync("/usr/lib/postgresql").sort((a, b) => Number(a) - Number(b)).at(-1)!;
  const name = `cb_load_${process.pid}`;
  const port = await freePort();
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  run("pg_createcluster", [version, name, "-p", String(port), "--", "--auth-host=md5", "--auth-local=peer"]);
  run("pg_ctlcluster", [version, name, "start"]);
  const psql = (sql: string) => run("su", ["postgres", "-c", `psql -q -p ${port} -c "${sql}"`]);
  psql("CREATE ROLE cb_load LOGIN PASSWORD 'cb_load' CREATEDB");
  return {
    adminUrl: `postgres://cb_load:cb_load@127.0.0.1:${port}/postgres`,
    restart: () => run("pg_ctlcluster", [version, name, "restart", "-m", "fast"]),
    stop: () => run("pg_ctlcluster", [version, name, "stop", "-m", "fast"]),
    start: () => run("pg_ctlcluster", [version, name, "start"]),
    drop: () => run("pg_dropcluster", ["--stop", version, name]),
  };
}
