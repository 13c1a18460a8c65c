// One row of the `npm run bench` table; every bench module returns a list of these.
export interface BenchRow {
  /** Section of the table, e.g. "server", "widget". */
  group: string;
  name: string;
  value: number;
  unit: string;
  /** Interquartile range (or similar) of the samples, in `unit`. */
  spread?: number;
  /** The budget or goal for `value`, in `unit`. */
  target?: number;
  /** A comparison, e.g. against Odoo or a competitor (value / reference). */
  ratio?: number;
}

function format(value: number | undefined | null): string {
  if (value === undefined || value === null || Number.isNaN(value)) return "";
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** Prints the rows as one aligned table (numbers right-aligned). */
export function printTable(rows: BenchRow[], write: (line: string) => void = console.log): void {
  const header = ["group", "name", "value", "unit", "spread", "target", "ratio"];
  const cells = rows.map((r) => [
    String(r.group),
    String(r.name),
    format(r.value),
    String(r.unit),
    r.spread === undefined ? "" : `± ${format(r.spread)}`,
    r.target === undefined ? "" : `${format(r.target)} ${r.unit}`,
    r.ratio === undefined || r.ratio === null ? "" : `× ${format(r.ratio)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const numeric = new Set([2, 4, 5, 6]);
  const line = (c: string[]) => c.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd();
  write(line(header));
  write(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) write(line(c));
}

/** Median and spread (max − min) of repeated timings of `fn`, in milliseconds. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 1): Promise<{ median: number; spread: number }> {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
    await new Promise((resolve) => setImmediate(resolve)); // let other work run between samples
  }
  times.sort((a, b) => a - b);
  const middle = times.length >> 1;
  const median = times.length % 2 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
  return { median, spread: times[times.length - 1]! - times[0]! };
}

/** The rows as a Markdown table (for the README), grouped as printed. */
export function markdownTable(rows: BenchRow[]): string {
  const lines = ["| group | figure | value | spread | target | ratio |", "|---|---|---:|---:|---:|---:|"];
  for (const r of rows) {
    const value = `${format(r.value)} ${r.unit}`;
    const spread = r.spread === undefined ? "" : `± ${format(r.spread)}`;
    const target = r.target === undefined ? "" : `${format(r.target)} ${r.unit}`;
    const ratio = r.ratio === undefined || r.ratio === null ? "" : `× ${format(r.ratio)}`;
    lines.push(`| ${r.group} | ${r.name.replace(/\|/g, "\\|")} | ${value} | ${spread} | ${target} | ${ratio} |`);
  }
  return lines.join("\n");
}
