// Writes the latest benchmark table (bench/results/latest.json) into README.md between the
// markers <!-- bench:start --> and <!-- bench:end -->, so the README shows what was measured.
import { readFileSync, writeFileSync } from "node:fs";
import { markdownTable, type BenchRow } from "./table.ts";

const root = new URL("../", import.meta.url);
const latest = JSON.parse(readFileSync(new URL("bench/results/latest.json", root), "utf8")) as {
  date: string;
  machine: { node: string; cpus: number; cpu: string };
  rows: BenchRow[];
};
const readmeUrl = new URL("README.md", root);
const readme = readFileSync(readmeUrl, "utf8");
const start = "<!-- bench:start -->";
const end = "<!-- bench:end -->";
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from < 0 || to < from) throw new Error("README.md has no bench markers");
const section = [
  start,
  `Measured ${latest.date.slice(0, 10)} on ${latest.machine.cpus} cores (${latest.machine.cpu}), Node ${latest.machine.node}; the load generator shares the machine.`,
  "",
  markdownTable(latest.rows),
  end,
].join("\n");
writeFileSync(readmeUrl, readme.slice(0, from) + section + readme.slice(to + end.length));
console.log(`README.md: ${latest.rows.length} benchmark rows from ${latest.date}`);
