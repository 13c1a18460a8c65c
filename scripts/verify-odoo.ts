// `npm run verify:odoo -- --odoo-bin PATH [--addons-path DIRS] [--db-url URL] [options]`
//
// For anyone with an Odoo 17.0 or 18.0: installs the module into a fresh database of that Odoo,
// runs the module's Python tests, starts Odoo on a free loopback port, runs tests/conformance
// against it, opens the admin app and the visitor widget in Chromium, and prints a verdict. The database is dropped at the end (--keep-db keeps it).
//
//   --odoo-bin PATH       odoo-bin, or the root of an Odoo source tree (started through its
//                         `odoo` package when it has no odoo-bin)
//   --addons-path DIRS    Odoo's addons folders (comma separated); default: the tree's
//                         odoo/addons and addons folders that exist. This module's folder is added.
//   --db-url URL          postgres://user:password@host:port (default: libpq defaults / PG* env)
//   --python PATH         Python interpreter (default /usr/bin/python3, else python3)
//   --skip-python-tests   do not run the module's Odoo tests
//   --keep-db             keep the database (its name is printed)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { browserChecks } from "./addon/browser-checks.ts";
import { ADDONS_DIR, ADDON_NAME, ROOT, python } from "./addon/manifest.ts";

interface Options {
  odooBin: string;
  addonsPath: string[];
  dbUrl?: string;
  python: string;
  pythonTests: boolean;
  keepDb: boolean;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const odooBin = value("--odoo-bin");
  if (!odooBin) {
    console.error("usage: npm run verify:odoo -- --odoo-bin PATH [--addons-path DIRS] [--db-url URL] [--python PATH] [--skip-python-tests] [--keep-db]");
    process.exit(2);
  }
  const tree = statSync(odooBin).isDirectory() ? resolve(odooBin) : dirname(resolve(odooBin));
  const addonsPath = value("--addons-path")?.split(",").map((p) => resolve(p)) ?? [join(tree, "odoo/addons"), join(tree, "addons")].filter((p) => existsSync(p));
  return {
    odooBin: resolve(odooBin),
    addonsPath: [...addonsPath, ADDONS_DIR],
    dbUrl: value("--db-url"),
    python: value("--python") ?? python(),
    pythonTests: !argv.includes("--skip-python-tests"),
    keepDb: argv.includes("--keep-db"),
  };
}

const options = parseArgs(process.argv.slice(2));
const database = `chatbot_bridge_verify_${Date.now().toString(36)}`;
const logDir = mkdtempSync(join(tmpdir(), "verify-odoo-"));

/** The command that starts Odoo: odoo-bin, or the tree's `odoo` package. */
function odooCommand(args: string[]): [string, string[]] {
  if (!statSync(options.odooBin).isDirectory()) return [options.python, [options.odooBin, ...args]];
  const bin = join(options.odooBin, "odoo-bin");
  if (existsSync(bin)) return [options.python, [bin, ...args]];
  const boot = `import sys; sys.path.insert(0, ${JSON.stringify(options.odooBin)}); sys.argv[0] = 'odoo'; import odoo; odoo.cli.main()`;
  return [options.python, ["-c", boot, ...args]];
}

function dbArgs(): string[] {
  if (!options.dbUrl) return [];
  const url = new URL(options.dbUrl);
  return [
    ...(url.hostname ? [`--db_host=${url.hostname}`] : []),
    ...(url.port ? [`--db_port=${url.port}`] : []),
    ...(url.username ? [`--db_user=${decodeURIComponent(url.username)}`] : []),
    ...(url.password ? [`--db_password=${decodeURIComponent(url.password)}`] : []),
  ];
}

function baseArgs(port: number): string[] {
  return [
    ...dbArgs(),
    `--addons-path=${options.addonsPath.join(",")}`,
    `--data-dir=${join(logDir, "data")}`,
    "--http-interface=127.0.0.1",
    `--http-port=${port}`,
    `--gevent-port=${port + 1}`,
    "--workers=0",
    "-d",
    database,
    `--db-filter=^${database}$`,
  ];
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Runs Odoo to completion (install, tests) with its log in a file. */
function runOdoo(label: string, args: string[]): { code: number; log: string } {
  const [cmd, cmdArgs] = odooCommand([...args, `--logfile=${join(logDir, `${label}.log`)}`]);
  const result = spawnSync(cmd, cmdArgs, { stdio: "inherit" });
  const log = existsSync(join(logDir, `${label}.log`)) ? readFileSync(join(logDir, `${label}.log`), "utf8") : "";
  return { code: result.status ?? 1, log };
}

function problems(log: string): string[] {
  return log.split("\n").filter((line) => / (WARNING|ERROR|CRITICAL) /.test(line));
}

async function waitFor(url: string, child: ChildProcess, seconds = 120): Promise<void> {
  for (let i = 0; i < seconds * 2; i++) {
    if (child.exitCode !== null) throw new Error(`Odoo exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

function dropDatabase() {
  const url = options.dbUrl ? new URL(options.dbUrl) : undefined;
  const env = { ...process.env, ...(url?.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}) };
  const args = [
    ...(url?.hostname ? ["-h", url.hostname] : []),
    ...(url?.port ? ["-p", url.port] : []),
    ...(url?.username ? ["-U", decodeURIComponent(url.username)] : []),
    "--if-exists",
    database,
  ];
  spawnSync("dropdb", args, { env, stdio: "inherit" });
}

const SUMMARY = /(\d+) passed, (\d+) failed, (\d+) skipped/;

async function main() {
  const lines: string[] = [];
  let ok = true;
  const port = await freePort();

  console.log(`== installing ${ADDON_NAME} into a fresh database ${database}`);
  const install = runOdoo("install", [...baseArgs(port), "-i", `im_livechat,crm_livechat,website_livechat,${ADDON_NAME}`, "--without-demo=", "--stop-after-init"]);
  const version = /Odoo version (\S+)/.exec(install.log)?.[1] ?? "unknown";
  const installProblems = problems(install.log);
  ok &&= install.code === 0 && installProblems.length === 0;
  lines.push(`Odoo ${version}: install ${install.code === 0 ? "ok" : `failed (exit ${install.code})`}, ${installProblems.length} warning/error line(s) in the log`);
  installProblems.slice(0, 10).forEach((line) => lines.push(`    ${line}`));

  if (install.code === 0 && options.pythonTests) {
    console.log("== running the module's Python tests");
    const tests = runOdoo("python-tests", [...baseArgs(port), "-u", ADDON_NAME, "--test-enable", `--test-tags=/${ADDON_NAME}`, "--stop-after-init"]);
    const result = /odoo\.tests\.result: (.*) when loading database/.exec(tests.log)?.[1] ?? "no result line";
    const testsOk = tests.code === 0 && /^0 failed, 0 error\(s\) of [1-9]/.test(result);
    ok &&= testsOk;
    lines.push(`Python tests: ${result}${testsOk ? "" : " (FAILED)"}`);
  }

  if (install.code === 0) {
    console.log(`== starting Odoo on http://127.0.0.1:${port}`);
    const [cmd, cmdArgs] = odooCommand([...baseArgs(port), `--logfile=${join(logDir, "server.log")}`]);
    const server = spawn(cmd, cmdArgs, { stdio: "ignore" });
    try {
      await waitFor(`http://127.0.0.1:${port}/web/login`, server);
      // First, on the untouched demo data (conformance tests create and delete records).
      console.log("== browser checks (Chromium)");
      for (const check of await browserChecks(`http://127.0.0.1:${port}`, database)) {
        ok &&= check.ok;
        lines.push(`${check.name}: ${check.ok ? "ok" : "FAILED"}, ${check.detail}`);
      }
      console.log("== running tests/conformance");
      const conformance = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/test.ts"), "conformance"], {
        cwd: ROOT,
        env: {
          ...process.env,
          BASE_URL: `http://127.0.0.1:${port}`,
          ODOO_DB: database,
          CONFORMANCE_DB_NAME: database,
          // Marc Demo (demo/demo) is an operator of the demo live chat channel
          OPERATOR_LOGIN: process.env.OPERATOR_LOGIN ?? "demo",
          OPERATOR_PASSWORD: process.env.OPERATOR_PASSWORD ?? "demo",
        },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      process.stdout.write(conformance.stdout);
      const counts = [...conformance.stdout.matchAll(new RegExp(SUMMARY, "g"))].at(-1);
      const failedTests = conformance.stdout.split("\n").filter((line) => line.startsWith("not ok "));
      ok &&= conformance.status === 0;
      lines.push(counts ? `tests/conformance: ${counts[1]} passed, ${counts[2]} failed, ${counts[3]} not applicable` : `tests/conformance: no summary (exit ${conformance.status})`);
      failedTests.forEach((line) => lines.push(`    ${line}`));
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 1000));
      if (server.exitCode === null) server.kill("SIGKILL");
    }
  }

  if (options.keepDb) lines.push(`database kept: ${database}`);
  else dropDatabase();
  console.log(`\n== verify:odoo (${new Date().toISOString().slice(0, 10)}), logs in ${logDir}`);
  for (const line of lines) console.log(line);
  console.log(`VERDICT: ${ok ? "PASS" : "FAIL"}`);
  process.exit(ok ? 0 : 1);
}

await main();
