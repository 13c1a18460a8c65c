// Load rows of `npm run bench`: replies per second with 1,000 concurrent visitors who all keep
// a live push WebSocket open (SQLite, and PostgreSQL with BENCH_DATABASE_URL), the cores each
// side used meanwhile (the load generator shares the machine), the server's CPU time per reply,
// and the server's memory with many open conversations on live push. Medians over repeated
// runs, with their spread (max − min).
//
// Each run times 20 replies from every visitor, as the load test sends: with fewer, the moment
// all 1,000 visitors send their first reply at once and the last stragglers weigh on the
// figure more than the steady flow it is meant to give.
//
// Env: BENCH_LOAD_VISITORS (1000), BENCH_LOAD_REPLIES (20 per visitor and run), BENCH_LOAD_RUNS
// (5 on SQLite, 3 on PostgreSQL, whose runs take several times as long), BENCH_PUSH_CONVERSATIONS
// (10000), BENCH_DATABASE_URL.
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { startServer, type RunningServer } from "../tests/support/server.ts";
import { createFreeInputBot, inBatches, LoadVisitor, type LoadBot, type Stats, type Target } from "../tests/load/harness.ts";
import type { BenchRow } from "./table.ts";

const GROUP = "load";
const VISITORS = Number(process.env.BENCH_LOAD_VISITORS ?? 1000);
const REPLIES = Number(process.env.BENCH_LOAD_REPLIES ?? 20);
const RUNS = { sqlite: Number(process.env.BENCH_LOAD_RUNS ?? 5), postgresql: Number(process.env.BENCH_LOAD_RUNS ?? 3) };
const PUSH_CONVERSATIONS = Number(process.env.BENCH_PUSH_CONVERSATIONS ?? 10_000);
const MEMORY_TARGET_MB = 1024;
const REPLIES_TARGET = 2000;
const SERVER_ENV = { BRIDGE_RATE_LIMIT: "off", LOG_LEVEL: "warn" };
const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds a process has used so far (user + system). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function rssMbOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN) / 1024;
}

const ownCpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

interface Run {
  repliesPerSecond: number;
  serverCores: number;
  /** Server CPU time per reply, ms: 1,000 / this = replies per second one core serves. */
  serverMsPerReply: number;
  clientCores: number;
}

/** Opens VISITORS conversations with live push, then times REPLIES replies from each at once. */
async function oneRun(server: RunningServer, bot: LoadBot): Promise<Run> {
  const target: Target = { baseUrl: server.baseUrl };
  const stats: Stats = { retries: 0, errors: [] };
  const deadline = Date.now() + 600_000;
  const visitors = Array.from({ length: VISITORS }, (_, i) => new LoadVisitor(i, target, stats));
  try {
    await inBatches(visitors, 50, (v) => v.open(bot, deadline));
    await inBatches(visitors, 100, (v) => v.listen());
    const pid = server.process.pid!;
    const [serverCpu, clientCpu, started] = [cpuSecondsOf(pid), ownCpuSeconds(), performance.now()];
    await Promise.all(
      visitors.map(async (v) => {
        for (let k = 1; k <= REPLIES; k++) await v.reply(`bench ${v.index} ${k}`, `b${k}`, deadline);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (stats.errors.length) throw new Error(stats.errors[0]);
    const serverSeconds = cpuSecondsOf(pid) - serverCpu;
    return {
      repliesPerSecond: (VISITORS * REPLIES) / seconds,
      serverCores: serverSeconds / seconds,
      serverMsPerReply: (1000 * serverSeconds) / (VISITORS * REPLIES),
      clientCores: (ownCpuSeconds() - clientCpu) / seconds,
    };
  } finally {
    for (const v of visitors) v.stopListening();
  }
}

async function throughputRows(label: keyof typeof RUNS, postgresAdminUrl?: string): Promise<BenchRow[]> {
  const server = await startServer({ env: SERVER_ENV, postgresAdminUrl });
  try {
    // One bot per run: each run's visitors start at the first question.
    const runs: Run[] = [];
    for (let i = 0; i < RUNS[label]; i++) runs.push(await oneRun(server, await createFreeInputBot(server.baseUrl, REPLIES + 1, `Bench Bot ${label} ${i}`)));
    const visitors = VISITORS.toLocaleString("en-US");
    return [
      {
        group: GROUP,
        name: `replies/s, ${visitors} concurrent visitors with live push (${label})`,
        value: median(runs.map((r) => r.repliesPerSecond)),
        unit: "1/s",
        spread: spread(runs.map((r) => r.repliesPerSecond)),
        // The target is SQLite's (one 2-core node); PostgreSQL scales out over processes instead.
        ...(label === "sqlite" ? { target: REPLIES_TARGET } : {}),
      },
      { group: GROUP, name: `cores used by the server meanwhile (${label})`, value: median(runs.map((r) => r.serverCores)), unit: "cores", spread: spread(runs.map((r) => r.serverCores)) },
      // What one reply costs the server, whatever the generator takes.
      { group: GROUP, name: `server CPU time per reply (${label})`, value: median(runs.map((r) => r.serverMsPerReply)), unit: "ms", spread: spread(runs.map((r) => r.serverMsPerReply)) },
      { group: GROUP, name: `cores used by the load generator meanwhile (${label})`, value: median(runs.map((r) => r.clientCores)), unit: "cores", spread: spread(runs.map((r) => r.clientCores)) },
    ];
  } finally {
    await server.stop();
  }
}

/** Server memory with PUSH_CONVERSATIONS open conversations, each with its push socket. */
async function memoryRows(): Promise<BenchRow[]> {
  const server = await startServer({ env: SERVER_ENV });
  const visitors: LoadVisitor[] = [];
  try {
    const pid = server.process.pid!;
    const target: Target = { baseUrl: server.baseUrl };
    const stats: Stats = { retries: 0, errors: [] };
    const bot = await createFreeInputBot(server.baseUrl, 2, "Bench Memory Bot");
    const idle = rssMbOf(pid);
    for (let i = 0; i < PUSH_CONVERSATIONS; i++) visitors.push(new LoadVisitor(i, target, stats));
    await inBatches(visitors, 50, (v) => v.open(bot, Date.now() + 1_800_000));
    await inBatches(visitors, 200, (v) => v.listen());
    const connected = visitors.filter((v) => v.token).length;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const loaded = rssMbOf(pid);
    const count = connected.toLocaleString("en-US");
    return [
      { group: GROUP, name: `server memory with ${count} open conversations on live push`, value: loaded, unit: "MB", target: MEMORY_TARGET_MB },
      { group: GROUP, name: "server memory per open conversation on live push", value: ((loaded - idle) * 1024) / connected, unit: "kB" },
    ];
  } finally {
    for (const v of visitors) v.stopListening();
    await server.stop();
  }
}

export async function loadRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [{ group: GROUP, name: "cores shared by the server and the load generator", value: cpus().length, unit: "cores" }];
  rows.push(...(await throughputRows("sqlite")));
  if (process.env.BENCH_DATABASE_URL) rows.push(...(await throughputRows("postgresql", process.env.BENCH_DATABASE_URL)));
  rows.push(...(await memoryRows()));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import("./table.ts");
  printTable(await loadRows());
}
