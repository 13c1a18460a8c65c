// `npm test`: every check of the project, in order, with one closing line
// "N passed, N failed, N skipped". Exits non-zero on any failure or when no test ran.
//
//   npm test                         all stages
//   npm test -- unit e2e             only these stages
//   npm test -- tests/unit/engine/next-step.test.ts   one file (its stage is chosen by its folder)
//
// Stages: typecheck, build, unit (QUnit in Node), browser (the same unit tests in Chromium),
// addon (checks of the Odoo module), conformance (HTTP suite against the embedded ERP on SQLite,
// and on PostgreSQL when TEST_DATABASE_URL is set), e2e (Playwright + Chromium), load (a small
// load + crash + slow-client run; the full one is `npm run test:load`), scale (two processes on
// one PostgreSQL, when TEST_DATABASE_URL is set).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { startServer } from "../tests/support/server.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const QUNIT = join(ROOT, "node_modules/qunit/bin/qunit.js");
const SUMMARY = /^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
/** Tests proper (not typecheck/build checks): a run where none ran fails. */
let testsRan = 0;
const report: string[] = [];

function listFiles(dir: string, suffix: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  for (const name of readdirSync(abs)) {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(join(dir, name), suffix));
    else if (name.endsWith(suffix)) out.push(join(dir, name));
  }
  return out.sort();
}

/** Runs a command, echoing its output, and returns its exit code and the last summary line. */
function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; counts: Counts | null }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let counts: Counts | null = null;
    let pending = "";
    const scan = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      stream.write(chunk);
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const match = SUMMARY.exec(line.trim());
        if (match) counts = { passed: +match[1]!, failed: +match[2]!, skipped: +(match[3] ?? 0) };
      }
    };
    child.stdout.on("data", (c: Buffer) => scan(c, process.stdout));
    child.stderr.on("data", (c: Buffer) => scan(c, process.stderr));
    child.on("close", (code) => {
      const match = SUMMARY.exec(pending.trim());
      if (match) counts = { passed: +match[1]!, failed: +match[2]!, skipped: +(match[3] ?? 0) };
      resolve({ code: code ?? 1, counts });
    });
  });
}

/** Records a stage: its test counts when it printed them, else one check passed or failed. */
function record(stage: string, result: { code: number; counts: Counts | null }) {
  if (result.counts) testsRan += result.counts.passed + result.counts.failed;
  let counts = result.counts ?? (result.code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });
  if (result.code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 }; // crashed after its summary
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  report.push(`${stage.padEnd(24)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

const node = process.execPath;
const qunit = (files: string[], env: Record<string, string> = {}, requires: string[] = []) =>
  run(node, ["--import", "tsx", QUNIT, "--require", join(ROOT, "tests/support/qunit-summary.ts"), ...requires.flatMap((r) => ["--require", r]), ...files], env);

const stages: Record<string, (files?: string[]) => Promise<void>> = {
  async typecheck() {
    record("typecheck", await run(node, [join(ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "."]));
  },
  async build() {
    record("build", await run(node, ["--import", "tsx", join(ROOT, "scripts/build.ts")]));
  },
  async unit(files) {
    const list = files ?? listFiles("tests/unit", ".test.ts");
    if (list.length) record("unit (node)", await qunit(list, {}, [join(ROOT, "tests/support/dom-setup.ts")]));
  },
  async browser() {
    if (!listFiles("tests/unit", ".test.ts").length) return;
    record("unit (chromium)", await run(node, ["--import", "tsx", join(ROOT, "scripts/qunit-browser.ts")]));
  },
  async addon(files) {
    const list = files ?? listFiles("tests/addon", ".test.ts");
    if (list.length) record("addon checks", await qunit(list));
  },
  async conformance(files) {
    const list = files ?? listFiles("tests/conformance", ".test.ts");
    if (!list.length) return;
    if (process.env.BASE_URL) {
      record(`conformance (${process.env.BASE_URL})`, await qunit(list));
      return;
    }
    const targets: [string, string | undefined][] = [["sqlite", undefined]];
    if (process.env.TEST_DATABASE_URL) targets.push(["postgresql", process.env.TEST_DATABASE_URL]);
    for (const [label, postgresAdminUrl] of targets) {
      const server = await startServer({ postgresAdminUrl });
      try {
        record(`conformance (${label})`, await qunit(list, { BASE_URL: server.baseUrl, CONFORMANCE_SERVER: "embedded", CONFORMANCE_DB: label }));
      } finally {
        await server.stop();
      }
    }
  },
  async e2e(files) {
    const list = files ?? listFiles("tests/e2e", ".spec.ts");
    if (!list.length) return;
    record("e2e (playwright)", await run(node, [join(ROOT, "node_modules/@playwright/test/cli.js"), "test", ...(files ?? [])]));
  },
  async load() {
    // A CI-sized run of `npm run test:load`: load with live push, SIGKILL mid-load and restart,
    // PostgreSQL when TEST_DATABASE_URL is set, slow and broken clients.
    const scenarios = ["sqlite", "crash", "postgres", "clients"];
    const env = { LOAD_VISITORS: "100", LOAD_REPLIES: "10", LOAD_SLOW_SOCKETS: "300", LOAD_POLL_CONVERSATIONS: "150", LOAD_TIME_LIMIT_S: "240" };
    record("load (smoke)", await run(node, ["--import", "tsx", join(ROOT, "tests/load/load.ts"), ...scenarios], env));
  },
  async scale() {
    record("scale (postgresql)", await run(node, ["--import", "tsx", join(ROOT, "tests/scale/scale.ts")]));
  },
};

const order = ["typecheck", "build", "unit", "browser", "addon", "conformance", "e2e", "load", "scale"];

function stageOf(file: string): string {
  const rel = relative(ROOT, join(process.cwd(), file));
  if (rel.startsWith("tests/unit/")) return "unit";
  if (rel.startsWith("tests/addon/")) return "addon";
  if (rel.startsWith("tests/conformance/")) return "conformance";
  if (rel.startsWith("tests/e2e/")) return "e2e";
  if (rel.startsWith("tests/load/")) return "load";
  if (rel.startsWith("tests/scale/")) return "scale";
  throw new Error(`No test stage for ${file}`);
}

async function main() {
  const args = process.argv.slice(2);
  const started = Date.now();
  if (args.length === 0) {
    for (const stage of order) await stages[stage]!();
  } else {
    const files = new Map<string, string[]>();
    for (const arg of args) {
      if (arg in stages) await stages[arg]!();
      else {
        const stage = stageOf(arg);
        files.set(stage, [...(files.get(stage) ?? []), relative(ROOT, join(process.cwd(), arg))]);
      }
    }
    for (const [stage, list] of files) await stages[stage]!(list);
  }
  console.log("\n" + report.join("\n"));
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  // No test run is a failure too, and the closing line says so.
  if (testsRan === 0) console.log("No test ran.");
  const failed = total.failed + (testsRan === 0 ? 1 : 0);
  console.log(`${total.passed} passed, ${failed} failed, ${total.skipped} skipped`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log(`${total.passed} passed, ${total.failed + 1} failed, ${total.skipped} skipped`);
  process.exit(1);
});
