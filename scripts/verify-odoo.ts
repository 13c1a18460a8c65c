// `npm run verify:odoo -- --odoo-bin PATH [--addons-path DIRS] [--db-url URL] [options]`
//
// For anyone with an Odoo 17.0 or 18.0: installs the module, as users install it (from the zip
// `npm run build:addon` writes), into a fresh database of that Odoo, loads Romanian into it,
// upgrades the module, runs its Python tests, starts Odoo on a free loopback port, opens the
// admin app and the visitor widget in Chromium, checks a Romanian conversation, runs
// tests/conformance against it, and prints a verdict. The database is dropped at the end
// (--keep-db keeps it).
//
//   --odoo-bin PATH       odoo-bin, or the root of an Odoo source tree (started through its
//                         `odoo` package when it has no odoo-bin)
//   --addons-path DIRS    Odoo's addons folders (comma separated); default: the tree's
//                         odoo/addons and addons folders that exist. The module's folder is added.
//   --db-url URL          postgres://user:password@host:port (default: libpq defaults / PG* env)
//   --python PATH         Python interpreter (default /usr/bin/python3, else python3)
//   --zip PATH            install the modules of this zip (default: the zip of the current tree,
//                         made by `build:addon --no-build` from the bundles `npm run build` left)
//   --source              install from addon/ itself instead of a zip (development)
//   --skip-python-tests   do not run the module's Odoo tests
//   --keep-db             keep the database (its name is printed)
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { browserChecks } from "./addon/browser-checks.ts";
import { romanianCheck } from "./addon/language-check.ts";
import { ADDONS_DIR, ADDON_NAME, GLUE_MODULES, ROOT, python, readManifest } from "./addon/manifest.ts";

/** The language loaded into the database after the install (loaded at its creation, Odoo would
 * make it every partner's default language): loading it and the upgrade load the module's
 * terms, and a conversation in it must get the module's texts in it. */
const LANGUAGE = "ro_RO";
/** Odoo modules installed with ours, when the addons path has them (Community modules). */
const ODOO_MODULES = ["im_livechat", "crm_livechat", "website_livechat"];

interface Options {
  odooBin: string;
  odooAddonsPath: string[];
  dbUrl?: string;
  python: string;
  zip?: string;
  source: boolean;
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
    console.error("usage: npm run verify:odoo -- --odoo-bin PATH [--addons-path DIRS] [--db-url URL] [--python PATH] [--zip PATH | --source] [--skip-python-tests] [--keep-db]");
    process.exit(2);
  }
  const tree = statSync(odooBin).isDirectory() ? resolve(odooBin) : dirname(resolve(odooBin));
  const addonsPath = value("--addons-path")?.split(",").map((p) => resolve(p)) ?? [join(tree, "odoo/addons"), join(tree, "addons")].filter((p) => existsSync(p));
  const zip = value("--zip");
  return {
    odooBin: resolve(odooBin),
    odooAddonsPath: addonsPath,
    dbUrl: value("--db-url"),
    python: value("--python") ?? python(),
    zip: zip ? resolve(zip) : undefined,
    source: argv.includes("--source"),
    pythonTests: !argv.includes("--skip-python-tests"),
    keepDb: argv.includes("--keep-db"),
  };
}

const options = parseArgs(process.argv.slice(2));
const database = `chatbot_bridge_verify_${Date.now().toString(36)}`;
const logDir = mkdtempSync(join(tmpdir(), "verify-odoo-"));
/** The folder holding our modules on Odoo's addons path (set by `installable()`). */
let modulesDir = ADDONS_DIR;
let addonsPath: string[] = [];

/**
 * What users install: the zip of `npm run build:addon`, unpacked into the log folder. Without
 * --zip, the current tree is zipped (`build:addon --no-build`: the bundles of the last
 * `npm run build`), so that the zip's own contents are what Odoo loads.
 */
function installable(): string {
  if (options.source) {
    modulesDir = ADDONS_DIR;
    return `source folder ${ADDONS_DIR}`;
  }
  let zip = options.zip;
  if (!zip) {
    execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/build-addon.ts"), "--no-build", "--out", logDir], { cwd: ROOT, stdio: "inherit" });
    zip = join(logDir, readdirSync(logDir).find((name) => name.endsWith(".zip"))!);
  }
  modulesDir = join(logDir, "addons");
  const unzip = "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2]); print(len(z.namelist()))";
  const files = execFileSync(options.python, ["-c", unzip, zip, modulesDir], { encoding: "utf8" }).trim();
  return `${options.zip ? zip : basename(zip)} (${readdirSync(modulesDir).sort().join(", ")}; ${files} files)`;
}

/** Odoo's modules of ODOO_MODULES on the addons path, and ours whose dependencies are there. */
function modules(): { odoo: string[]; ours: string[] } {
  const present = (name: string) => options.odooAddonsPath.some((dir) => existsSync(join(dir, name, "__manifest__.py")));
  const odoo = ODOO_MODULES.filter(present);
  const ours = [ADDON_NAME, ...GLUE_MODULES.filter((glue) => present(glue.needs) && existsSync(join(modulesDir, glue.name))).map((glue) => glue.name)];
  return { odoo, ours };
}

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
    `--addons-path=${addonsPath.join(",")}`,
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

  console.log("== the modules as users install them");
  const source = installable();
  addonsPath = [...options.odooAddonsPath, modulesDir];
  const { odoo, ours } = modules();
  lines.push(`modules: ${ours.join(", ")} ${readManifest(join(modulesDir, ADDON_NAME)).version}, from ${source}`);

  console.log(`== installing ${ours.join(", ")} into a fresh database ${database}`);
  const install = runOdoo("install", [...baseArgs(port), "-i", [...odoo, ...ours].join(","), "--without-demo=", "--stop-after-init"]);
  const version = /Odoo version (\S+)/.exec(install.log)?.[1] ?? "unknown";
  const installProblems = problems(install.log);
  ok &&= install.code === 0 && installProblems.length === 0;
  lines.push(`Odoo ${version}: install ${install.code === 0 ? "ok" : `failed (exit ${install.code})`}, ${installProblems.length} warning/error line(s) in the log`);
  installProblems.slice(0, 10).forEach((line) => lines.push(`    ${line}`));

  if (install.code === 0) {
    console.log(`== loading ${LANGUAGE}`);
    const language = runOdoo("language", [...baseArgs(port), `--load-language=${LANGUAGE}`, "--stop-after-init"]);
    const languageProblems = problems(language.log);
    // Odoo logs "module <name>: loading translation file <path> for language <lang>"
    const loaded = new RegExp(`module ${ADDON_NAME}: loading translation file \\S+/ro\\.po for language ${LANGUAGE}`).test(language.log);
    ok &&= language.code === 0 && languageProblems.length === 0;
    ok &&= loaded;
    lines.push(`${LANGUAGE}: ${language.code === 0 ? "loaded" : `failed (exit ${language.code})`}, ${loaded ? "the module's ro.po read" : "the module's ro.po NOT read"}, ${languageProblems.length} warning/error line(s) in the log`);
    languageProblems.slice(0, 10).forEach((line) => lines.push(`    ${line}`));

    console.log(`== upgrading ${ours.join(", ")}, ${LANGUAGE} active`);
    const upgrade = runOdoo("upgrade", [...baseArgs(port), "-u", ours.join(","), "--stop-after-init"]);
    const upgradeProblems = problems(upgrade.log);
    ok &&= upgrade.code === 0 && upgradeProblems.length === 0;
    lines.push(`upgrade ${upgrade.code === 0 ? "ok" : `failed (exit ${upgrade.code})`}, ${upgradeProblems.length} warning/error line(s) in the log`);
    upgradeProblems.slice(0, 10).forEach((line) => lines.push(`    ${line}`));
  }

  if (install.code === 0 && options.pythonTests) {
    console.log("== running the modules' Python tests");
    const tests = runOdoo("python-tests", [...baseArgs(port), "-u", ours.join(","), "--test-enable", `--test-tags=${ours.map((name) => `/${name}`).join(",")}`, "--stop-after-init"]);
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
      console.log(`== a conversation in ${LANGUAGE}`);
      const language = await romanianCheck(`http://127.0.0.1:${port}`, join(modulesDir, ADDON_NAME));
      ok &&= language.ok;
      lines.push(`${language.name}: ${language.ok ? "ok" : "FAILED"}, ${language.detail}`);
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
