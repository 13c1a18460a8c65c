// Engine rows: whole-script analysis and path enumeration on generated scripts: the blocks of
// `generateScript` (100, 1,000 and 5,000 steps), the same with mistakes so that the analysis has
// findings to report, chains of questions each depending on the one before (the deepest
// dependencies), and one long run of input steps (the deepest conversation).
import { analyzeScript, enumeratePaths } from "../src/engine/index.ts";
import type { ChatbotScript } from "../src/engine/types.ts";
import { generateChainScript, generateLinearScript, generateScript, generateScriptWithFindings } from "./generate-script.ts";
import { timeRuns, type BenchRow } from "./table.ts";

const SIZES = [100, 1_000, 5_000];
const ANALYSIS_GOAL_MS = 100; // 1,000 steps with 100 questions; also held to for a 1,000-step chain

const count = (n: number) => n.toLocaleString("en-US");
const counted = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? "" : "s"}`;
const runsFor = (size: number) => (size >= 5_000 ? 5 : 11);

async function analysisRow(script: ChatbotScript, label: string, runs: number, goal: boolean): Promise<BenchRow> {
  const timing = await timeRuns(() => analyzeScript(script), runs);
  const result = analyzeScript(script);
  return {
    group: "engine",
    name: `analysis, ${label} (${counted(result.findings.length, "finding")}${result.partial ? ", partial" : ""})`,
    value: timing.median,
    unit: "ms",
    spread: timing.spread,
    ...(goal ? { target: ANALYSIS_GOAL_MS, ratio: timing.median / ANALYSIS_GOAL_MS } : {}),
  };
}

async function pathsRow(script: ChatbotScript, label: string, runs: number): Promise<BenchRow> {
  const timing = await timeRuns(() => enumeratePaths(script), runs);
  const listed = enumeratePaths(script);
  return {
    group: "engine",
    name: `path enumeration, ${label} (${counted(listed.paths.length, "path")}${listed.capped ? ", capped" : ""})`,
    value: timing.median,
    unit: "ms",
    spread: timing.spread,
  };
}

export async function engineRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of SIZES) {
    const script = generateScript(size);
    const questions = script.script_step_ids.filter((s) => s.step_type === "question_selection").length;
    const runs = runsFor(size);
    rows.push(await analysisRow(script, `${count(size)} steps / ${questions} questions`, runs, size === 1_000));
    rows.push(await pathsRow(script, `${count(size)} steps`, runs));
    // The same, reading every path's steps (paths build their arrays on first read).
    const read = await timeRuns(() => {
      let total = 0;
      for (const path of enumeratePaths(script).paths) total += path.steps.length;
      return total;
    }, size >= 5_000 ? 3 : runs);
    rows.push({ group: "engine", name: `path enumeration + reading every path, ${count(size)} steps`, value: read.median, unit: "ms", spread: read.spread });
  }
  for (const size of [1_000, 5_000]) {
    const script = generateScriptWithFindings(size);
    rows.push(await analysisRow(script, `${count(size)} steps with mistakes`, runsFor(size), false));
  }
  for (const size of [1_000, 5_000]) {
    const script = generateChainScript(size);
    rows.push(await analysisRow(script, `chain of ${count(size)} questions`, runsFor(size), size === 1_000));
    rows.push(await pathsRow(script, `chain of ${count(size)} questions`, runsFor(size)));
  }
  rows.push(await pathsRow(generateLinearScript(20_000), "20,000 input steps in a row", 5));
  return rows;
}

// `node --import tsx bench/engine.ts`: the engine rows alone, printed (bench/results untouched).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import("./table.ts");
  printTable(await engineRows());
}
