// `npm run test:load`: many concurrent visitors with live push against a real server, then
// proof that nothing acknowledged was lost or doubled — also when the server is killed with
// SIGKILL mid-load and restarted on the same data, and (with TEST_DATABASE_URL) when the
// PostgreSQL server itself restarts under load. Then slow and broken clients.
//
//   npm run test:load                       everything (1,000 visitors × 20 replies)
//   npm run test:load -- sqlite crash       only these scenarios
//   LOAD_VISITORS=200 LOAD_REPLIES=10 …     smaller runs (the `load` stage of npm test)
//
// Scenarios: sqlite, crash, postgres, pg-crash, clients. Loopback only, ephemeral ports.
import { BRIDGE_ROUTES, DATABASE_UNAVAILABLE } from "../../src/protocol/bridge.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { CheckList, firstProblems } from "./checks.ts";
import { createFreeInputBot, inBatches, LoadVisitor, pushProblem, replyText, transcriptProblem, type Stats, type Target } from "./harness.ts";
import { clusterUnavailable, createCluster, type ThrowawayCluster } from "./pg-cluster.ts";
import { slowClientChecks } from "./slow-clients.ts";

const VISITORS = Number(process.env.LOAD_VISITORS ?? 1000);
const REPLIES = Number(process.env.LOAD_REPLIES ?? 20);
/** Per scenario; a loaded 2-core machine needs about 10 minutes for the full size. */
const TIME_LIMIT_MS = Number(process.env.LOAD_TIME_LIMIT_S ?? 1200) * 1000;
/** Server settings for load: the per-visitor limit is tested on its own (slow-clients). */
const SERVER_ENV = { BRIDGE_RATE_LIMIT: "off", LOG_LEVEL: "warn" };

type Fault = "none" | "sigkill" | "database-restart";

interface Scenario {
  label: string;
  fault: Fault;
  /** PostgreSQL server URL with CREATEDB rights; absent: SQLite. */
  postgresAdminUrl?: string;
  cluster?: ThrowawayCluster;
}

const checks = new CheckList();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runScenario(scenario: Scenario): Promise<void> {
  const { label, fault } = scenario;
  const first = await startServer({ env: SERVER_ENV, postgresAdminUrl: scenario.postgresAdminUrl });
  let current: RunningServer = first;
  const target: Target = { baseUrl: first.baseUrl };
  const stats: Stats = { retries: 0, errors: [], retryReasons: new Map() };
  const deadline = Date.now() + TIME_LIMIT_MS;
  const visitors: LoadVisitor[] = [];
  try {
    const bot = await createFreeInputBot(target.baseUrl, REPLIES + 2);
    for (let i = 0; i < VISITORS; i++) visitors.push(new LoadVisitor(i, target, stats));
    await inBatches(visitors, 50, (v) => v.open(bot, deadline));
    await inBatches(visitors, 100, (v) => v.listen());

    const total = VISITORS * REPLIES;
    let acknowledged = 0;
    let faultDone: Promise<string | null> = Promise.resolve(null);
    let faultStarted = false;
    const maybeFault = () => {
      if (fault === "none" || faultStarted || acknowledged < total * 0.4) return;
      faultStarted = true;
      faultDone = injectFault(scenario, current, target).then((next) => {
        if (next) current = next;
        return null;
      }, (error: unknown) => `fault injection failed: ${String(error)}`);
    };

    const started = performance.now();
    await Promise.all(
      visitors.map(async (v) => {
        try {
          for (let k = 1; k <= REPLIES; k++) {
            await v.reply(replyText(v.index, k), `r${k}`, deadline);
            acknowledged++;
            maybeFault();
          }
        } catch (error) {
          stats.errors.push(`visitor ${v.index}: ${String(error)}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const faultProblem = await faultDone;
    console.log(`# ${label}: ${acknowledged} replies acknowledged in ${seconds.toFixed(1)} s (${(acknowledged / seconds).toFixed(0)}/s), ${stats.retries} retried call(s)`);
    for (const [reason, count] of [...stats.retryReasons!].sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`#   retried ${count}×: ${reason}`);

    const prefix = `${label}${fault === "none" ? "" : ` (${fault === "sigkill" ? "server killed with SIGKILL" : "database restarted"} mid-load)`}`;
    checks.check(`${prefix}: ${VISITORS} visitors × ${REPLIES} replies acknowledged, no errors`, faultProblem ?? firstProblems(stats.errors) ?? (acknowledged === total ? null : `${acknowledged} of ${total} acknowledged`));

    // Every conversation can go on: one more reply, answered by the next question.
    const goOn: string[] = [];
    await inBatches(visitors, 100, async (v) => {
      try {
        const view = await v.reply(replyText(v.index, REPLIES + 1), `r${REPLIES + 1}`, deadline);
        if (view.messages.at(-1)?.body !== bot.questions[REPLIES + 1]) goOn.push(`visitor ${v.index}: the next question did not come (${JSON.stringify(view.messages.map((m) => m.body))})`);
      } catch (error) {
        goOn.push(`visitor ${v.index}: ${String(error)}`);
      }
    });
    checks.check(`${prefix}: every conversation goes on afterwards`, firstProblems(goOn));

    const transcripts: string[] = [];
    const histories = new Map<number, Awaited<ReturnType<LoadVisitor["history"]>>>();
    await inBatches(visitors, 50, async (v) => {
      const view = await v.history(deadline);
      histories.set(v.index, view);
      const problem = transcriptProblem(v, view.messages, bot);
      if (problem) transcripts.push(`visitor ${v.index}: ${problem}`);
    });
    checks.check(`${prefix}: every acknowledged message is in its transcript exactly once, in order`, firstProblems(transcripts));

    // Live push runs behind the replies: give it a moment to deliver the last frames.
    const pushIncomplete = () => visitors.some((v) => pushProblem(v, histories.get(v.index)!.messages) !== null);
    for (let waited = 0; pushIncomplete() && waited < 15_000; waited += 250) await sleep(250);
    checks.check(`${prefix}: live push delivered every message to its visitor exactly once`, firstProblems(visitors.flatMap((v) => {
      const p = pushProblem(v, histories.get(v.index)!.messages);
      return p ? [`visitor ${v.index}: ${p}`] : [];
    })));
  } finally {
    for (const v of visitors) v.stopListening();
    if (current !== first) await current.stop();
    await first.stop();
  }
}

/** Kills and restarts the server, or restarts the database; returns the new server if any. */
async function injectFault(scenario: Scenario, server: RunningServer, target: Target): Promise<RunningServer | null> {
  if (scenario.fault === "sigkill") {
    await server.kill();
    console.log("# server killed (SIGKILL); restarting on the same data");
    const next = await startServer({ env: SERVER_ENV, ...(server.databaseUrl ? { databaseUrl: server.databaseUrl } : { dataDir: server.dataDir }) });
    target.baseUrl = next.baseUrl;
    return next;
  }
  console.log("# restarting the PostgreSQL server under load");
  scenario.cluster!.restart();
  return null;
}

/** While the database is away the server answers a clear error, and it comes back by itself. */
async function databaseOutageChecks(cluster: ThrowawayCluster): Promise<void> {
  const server = await startServer({ env: SERVER_ENV, postgresAdminUrl: cluster.adminUrl });
  try {
    const base = server.baseUrl;
    const call = async () => {
      const response = await fetch(base + BRIDGE_ROUTES.history, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: { token: "x".repeat(32) }, id: 1 }) });
      return { status: response.status, body: (await response.json()) as { error?: { data?: { name?: string; message?: string; debug?: string } } } };
    };
    // Stop the database (not a restart) to look at the answer while it is away.
    cluster.stop();
    let during: Awaited<ReturnType<typeof call>>;
    try {
      during = await call();
    } finally {
      cluster.start();
    }
    checks.check(
      `postgresql: while the database is down the server answers HTTP 503 "${DATABASE_UNAVAILABLE.message}"`,
      during.status === DATABASE_UNAVAILABLE.status && during.body.error?.data?.name === DATABASE_UNAVAILABLE.name && during.body.error.data.message === DATABASE_UNAVAILABLE.message && !during.body.error.data.debug
        ? null
        : `got HTTP ${during.status} ${JSON.stringify(during.body)}`,
    );
    let after = await call();
    for (let i = 0; i < 40 && after.status === 503; i++) {
      await sleep(250);
      after = await call();
    }
    checks.check("postgresql: the server reconnects by itself once the database is back", after.status === 200 && after.body.error?.data?.name === "odoo.exceptions.MissingError" ? null : `got HTTP ${after.status} ${JSON.stringify(after.body)}`);
  } finally {
    await server.stop();
  }
}

/** A scenario records its own checks; a throw is one more failure. */
async function guarded(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    checks.check(`${name}: ran to the end`, error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

async function main() {
  const wanted = new Set(process.argv.slice(2));
  const want = (name: string) => !wanted.size || wanted.has(name);
  const startedAll = Date.now();

  if (want("sqlite")) await guarded("sqlite load", () => runScenario({ label: "sqlite", fault: "none" }));
  if (want("crash")) await guarded("sqlite crash", () => runScenario({ label: "sqlite", fault: "sigkill" }));

  const pgUrl = process.env.TEST_DATABASE_URL;
  if (want("postgres")) {
    if (pgUrl) await guarded("postgresql load", () => runScenario({ label: "postgresql", fault: "none", postgresAdminUrl: pgUrl }));
    else checks.skip("postgresql load", "TEST_DATABASE_URL is not set");
  }
  if (want("pg-crash")) {
    const why = pgUrl ? clusterUnavailable() : "TEST_DATABASE_URL is not set";
    if (why) checks.skip("postgresql crash and database restart", why);
    else {
      const cluster = await createCluster();
      try {
        await guarded("postgresql crash", () => runScenario({ label: "postgresql", fault: "sigkill", postgresAdminUrl: cluster.adminUrl }));
        await guarded("postgresql database restart", () => runScenario({ label: "postgresql", fault: "database-restart", postgresAdminUrl: cluster.adminUrl, cluster }));
        await guarded("postgresql outage", () => databaseOutageChecks(cluster));
      } finally {
        cluster.drop();
      }
    }
  }
  if (want("clients")) await slowClientChecks(checks, SERVER_ENV);

  console.log(`# ${((Date.now() - startedAll) / 1000).toFixed(1)} s`);
  console.log(checks.summary());
  process.exit(checks.failed > 0 || checks.passed === 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  console.log(`${checks.passed} passed, ${checks.failed + 1} failed, ${checks.skipped} skipped`);
  process.exit(1);
});
