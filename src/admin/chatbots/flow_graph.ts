// The script as a graph for the Flow view: every step is a node; an edge joins two steps that
// follow each other in some conversation the engine enumerates, labelled with the answer
// chosen. Steps in no conversation are unreachable (when the enumeration is complete);
// questions with a dead-end answer are marked from the engine's analysis.
import { analyzeScript, enumeratePaths } from "../../engine/index.ts";
import type { ChatbotScript } from "../../engine/types.ts";
import type { StepType } from "../../protocol/odoo.ts";
import { _t } from "../i18n/translate.ts";

export type FlowMark = "dead_end" | "unreachable";

export interface FlowNode {
  /** A step id, or END_NODE / OPERATOR_NODE for where conversations finish. */
  id: number;
  kind: "step" | "end" | "operator";
  position: number;
  type: StepType | null;
  message: string;
  marks: FlowMark[];
}

export const END_NODE = -1;
export const OPERATOR_NODE = -2;

export interface FlowEdge {
  from: number;
  to: number;
  label: string;
}

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** The enumeration stopped at its cap: some edges may be missing, nothing is marked unreachable. */
  capped: boolean;
}

export function flowGraph(script: ChatbotScript, maxPaths = 2_000): FlowGraph {
  const steps = script.script_step_ids;
  const answerNames = new Map(steps.flatMap((s) => s.answer_ids.map((a) => [a.id, a.name] as const)));
  const { paths, capped } = enumeratePaths(script, { maxPaths });
  const edges = new Map<string, FlowEdge>();
  const reached = new Set<number>();
  const labelAfter = (path: (typeof paths)[number], stepId: number) => {
    const choice = path.choices.find((c) => c.step_id === stepId && c.kind !== "input");
    return choice?.kind === "answer" ? (answerNames.get(choice.answer_id) ?? "") : choice?.kind === "operator" && !choice.found ? _t("no operator") : "";
  };
  const addEdge = (from: number, to: number, label: string) => {
    const key = `${from}>${to}>${label}`;
    if (!edges.has(key)) edges.set(key, { from, to, label });
  };
  for (const path of paths) {
    path.steps.forEach((id) => reached.add(id));
    for (let i = 1; i < path.steps.length; i++) addEdge(path.steps[i - 1]!, path.steps[i]!, labelAfter(path, path.steps[i - 1]!));
    // Where the conversation finishes: with the operator, or at the end of the script.
    const last = path.steps.at(-1);
    if (last !== undefined) addEdge(last, path.end === "operator" ? OPERATOR_NODE : END_NODE, path.end === "operator" ? "" : labelAfter(path, last));
  }
  const deadEnds = new Set(analyzeScript(script).findings.filter((f) => f.kind === "dead_end").flatMap((f) => f.step_ids));
  const nodes: FlowNode[] = steps.map((step, index) => {
    const marks: FlowMark[] = [];
    if (deadEnds.has(step.id)) marks.push("dead_end");
    if (!capped && !reached.has(step.id)) marks.push("unreachable");
    return { id: step.id, kind: "step" as const, position: index + 1, type: step.step_type, message: step.message || "", marks };
  });
  const targets = new Set([...edges.values()].map((e) => e.to));
  if (targets.has(OPERATOR_NODE)) nodes.push({ id: OPERATOR_NODE, kind: "operator", position: 0, type: null, message: "", marks: [] });
  if (targets.has(END_NODE)) nodes.push({ id: END_NODE, kind: "end", position: 0, type: null, message: "", marks: [] });
  return { nodes, edges: [...edges.values()], capped };
}
