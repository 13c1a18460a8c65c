// The unit tests in a real browser: the same files as in Node, except *.node.test.ts.
import QUnit from "qunit";
import "qunit/qunit/qunit.css";

declare global {
  interface Window {
    __qunitDone?: { passed: number; failed: number; skipped: number; failures: string[] };
  }
}

const failures: string[] = [];
QUnit.config.autostart = false;
QUnit.on("testEnd", (test: { status: string; fullName: string[]; errors: { message?: string; actual?: unknown; expected?: unknown }[] }) => {
  if (test.status === "failed")
    failures.push(`${test.fullName.join(" > ")}: ${test.errors.map((e) => `${e.message ?? ""} (actual ${JSON.stringify(e.actual)}, expected ${JSON.stringify(e.expected)})`).join("; ")}`);
});
QUnit.on("runEnd", (run) => {
  const { passed, failed, skipped, todo } = run.testCounts;
  window.__qunitDone = { passed, failed: failed + todo, skipped, failures };
});
(globalThis as { QUnit?: unknown }).QUnit = QUnit;

const modules = import.meta.glob(["../unit/**/*.test.ts", "!../unit/**/*.node.test.ts"]);
for (const load of Object.values(modules)) await load();
QUnit.start();
