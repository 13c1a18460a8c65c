// Engine rows: whole-script analysis and path enumeration on generated scripts.
import { analyzeScript, enumeratePaths } from "../src/engine/index.ts";
import { generateScript } from "./generate-script.ts";
import { timeRuns, type BenchRow } from "./table.ts";

const SIZES = [100, 1_000, 5_000];
const ANALYSIS_GOAL_MS = 100; // 1,000 steps with 100 questions

export async function engineRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of SIZES) {
    const script = generateScript(size);
    const questions = script.script_step_ids.filter((s) => s.step_type === "question_selection").length;
    const runs = size >= 5_000 ? 5 : 11;
    const analysis = await timeRuns(() => analyzeScript(script), runs);
    const result = analyzeScript(script);
    const goal = size === 1_000;
    rows.push({
      group: "engine",
      name: `analysis, ${size.toLocaleString("en-US")} steps / ${questions} questions (${result.findings.length} findings${result.partial ? ", partial" : ""})`,
      value: analysis.median,
      unit: "ms",
      spread: analysis.spread,
      ...(goal ? { target: ANALYSIS_GOAL_MS, ratio: analysis.median / ANALYSIS_GOAL_MS } : {}),
    });
    const paths = await timeRuns(() => enumeratePaths(script), runs);
    const listed = enumeratePaths(script);
    rows.push({
      group: "engine",
      name: `path enumeration, ${size.toLocaleString("en-US")} steps (${listed.paths.length.toLocaleString("en-US")} paths${listed.capped ? ", capped" : ""})`,
      value: paths.median,
      unit: "ms",
      spread: paths.spread,
    });
    // The same, reading every path's steps (paths build their arrays on first read).
    const read = await timeRuns(() => {
      let total = 0;
      for (const path of enumeratePaths(script).paths) total += path.steps.length;
      return total;
    }, size >= 5_000 ? 3 : runs);
    rows.push({ group: "engine", name: `path enumeration + reading every path, ${size.toLocaleString("en-US")} steps`, value: read.median, unit: "ms", spread: read.spread });
  }
  return rows;
}
