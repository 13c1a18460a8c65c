// `npm run bench`: collects the rows of every benchmark present (engine, server, widget,
// admin), prints them as one table and writes bench/results/latest.json.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { printTable, type BenchRow } from "./table.ts";

const providers: [file: string, exportName: string][] = [
  ["engine.ts", "engineRows"],
  ["server.ts", "serverRows"],
  ["widget.ts", "widgetRows"],
  ["admin.ts", "adminRows"],
  ["load.ts", "loadRows"],
  ["odoo.ts", "odooRows"],
];

const only = process.argv.slice(2);
const rows: BenchRow[] = [];
for (const [file, exportName] of providers) {
  if (only.length && !only.some((name) => file.startsWith(name))) continue;
  const url = new URL(`./${file}`, import.meta.url);
  if (!existsSync(url)) continue;
  const module = (await import(url.href)) as Record<string, unknown>;
  const provide = module[exportName];
  if (typeof provide !== "function") throw new Error(`bench/${file} must export ${exportName}()`);
  const started = Date.now();
  rows.push(...((await provide()) as BenchRow[]));
  console.error(`bench/${file}: ${Date.now() - started} ms`);
}
if (!rows.length) throw new Error("No benchmark rows");

printTable(rows);
const out = new URL("./results/", import.meta.url);
mkdirSync(out, { recursive: true });
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", platform: process.platform };
writeFileSync(new URL("latest.json", out), `${JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2)}\n`);
console.error("wrote bench/results/latest.json");
