// Path enumeration: every distinct conversation the script allows, as the steps reached and the
// choices made (answers, operator found or not, valid or invalid input), for test coverage.
// Work is shared between paths: the steps run between two choices are computed once per
// (step, selected answers that still matter, operator already missed in this run) and the
// number of conversations below each such point is memoized, so the cap is known without
// listing everything. An invalid input is tried once per step (the bot asks again, nothing
// else changes), so the set stays finite.

import type { ChatbotScript } from "./types.ts";
import { INPUT_STEP_TYPES } from "../protocol/odoo.ts";
import { indexScript, nextPosition, type ScriptIndex } from "./script-index.ts";
import { lastReferenceSequence, relevantSelection } from "./explore.ts";
import { buildNextIndex, nextPositionIndexed } from "./next-index.ts";
import { welcomeSteps } from "./welcome.ts";

export type PathChoice =
  | { step_id: number; kind: "answer"; answer_id: number }
  | { step_id: number; kind: "operator"; found: boolean }
  | { step_id: number; kind: "input"; valid: boolean };

export interface ScriptPath {
  /** How the conversation starts: opened (welcome steps), or restarted (first step runs). */
  start: "open" | "restart";
  /** Steps reached, in order (a step asked again after an invalid input appears once). */
  steps: number[];
  choices: PathChoice[];
  /** "stuck": waiting at a question without answers, which nothing can move on. */
  end: "ended" | "operator" | "stuck";
}

export interface PathOptions {
  maxPaths?: number;
}

export interface PathEnumeration {
  paths: ScriptPath[];
  capped: boolean;
}

/** Inputs the reducer may refuse (and then asks again): emails, and phones with the check on. */
export function canBeInvalid(step: { step_type: string; phone_check?: boolean }): boolean {
  return step.step_type === "question_email" || (step.step_type === "question_phone" && step.phone_check === true);
}

/** Where a run of steps stops: a step waiting for input, a forward deciding, or the end. */
type Stop = { kind: "end" } | { kind: "wait"; position: number; selected: number[] } | { kind: "forward"; position: number; selected: number[]; missed: boolean };

interface Segment {
  steps: number[];
  stop: Stop;
}

type Edge = { choice: PathChoice; steps: number[]; next: Node | null; end?: "ended" | "operator" };
/** `count`: conversations below the node (memoized, saturating just above the cap). */
type Node = { key: string; edges: () => Edge[]; count?: number };

export function enumeratePaths(script: ChatbotScript, options: PathOptions = {}): PathEnumeration {
  const maxPaths = options.maxPaths ?? 10_000;
  const index = indexScript(script);
  const nextIndex = buildNextIndex(index);
  const lastRef = lastReferenceSequence(index);
  const segments = new Map<string, Segment>();
  const nodes = new Map<string, Node>();

  /** Runs steps from `position` (each reached) until a choice is needed. Memoized. */
  const run = (position: number, selected: number[], missed: boolean): Segment => {
    if (position < 0) return { steps: [], stop: { kind: "end" } };
    const kept = relevantSelection(index, lastRef, position, selected);
    const key = `${position}|${kept.join(",")}|${missed ? 1 : 0}`;
    const known = segments.get(key);
    if (known) return known;
    const steps: number[] = [];
    let stop: Stop = { kind: "end" };
    let current = position;
    const selectedSet = new Set(kept);
    while (current >= 0) {
      const step = index.steps[current]!;
      steps.push(step.id);
      if (step.step_type === "forward_operator") {
        if (!missed) {
          stop = { kind: "forward", position: current, selected: kept, missed };
          break;
        }
      } else if (INPUT_STEP_TYPES.includes(step.step_type)) {
        stop = { kind: "wait", position: current, selected: kept };
        break;
      }
      current = nextPositionIndexed(index, nextIndex, current, selectedSet);
    }
    const segment = { steps, stop };
    segments.set(key, segment);
    return segment;
  };

  const nodeFor = (stop: Stop, retried = false): Node | null => {
    if (stop.kind === "end") return null;
    const key = `${stop.kind}|${stop.position}|${stop.selected.join(",")}|${stop.kind === "forward" ? stop.missed : retried}`;
    const known = nodes.get(key);
    if (known) return known;
    const step = index.steps[stop.position]!;
    const after = (selected: number[], missed: boolean, choice: PathChoice): Edge => {
      const selectedSet = new Set(selected);
      const segment = run(nextPositionIndexed(index, nextIndex, stop.position, selectedSet), selected, missed);
      const next = nodeFor(segment.stop);
      return { choice, steps: segment.steps, next, ...(next ? {} : { end: "ended" as const }) };
    };
    let listed: Edge[] | null = null;
    const node: Node = {
      key,
      edges: () => (listed ??= listEdges()),
    };
    const listEdges = (): Edge[] => {
      if (stop.kind === "forward")
        return [
          { choice: { step_id: step.id, kind: "operator", found: true }, steps: [], next: null, end: "operator" },
          after(stop.selected, true, { step_id: step.id, kind: "operator", found: false }),
        ];
      if (step.step_type === "question_selection")
        return step.answer_ids.map((answer) => after([...stop.selected, answer.id], false, { step_id: step.id, kind: "answer", answer_id: answer.id }));
      const edges: Edge[] = [after(stop.selected, false, { step_id: step.id, kind: "input", valid: true })];
      if (canBeInvalid(step) && !retried)
        edges.push({ choice: { step_id: step.id, kind: "input", valid: false }, steps: [], next: nodeFor(stop, true) });
      return edges;
    };
    nodes.set(key, node);
    return node;
  };

  /**
   * Conversations below a node, saturating just above the cap. Depth-first with an explicit
   * stack (a script of 20,000 input steps in a row is 20,000 nodes deep): a node's count is
   * final once every edge below it is counted. The node graph has no cycles (positions only
   * grow), so a node is never on the stack twice.
   */
  const count = (root: Node | null): number => {
    if (!root) return 1;
    const stack: { node: Node; edges: Edge[]; next: number; total: number }[] = [];
    const enter = (node: Node) => stack.push({ node, edges: node.edges(), next: 0, total: 0 });
    let result = root.count;
    if (result !== undefined) return result;
    enter(root);
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.edges.length && frame.total <= maxPaths) {
        const child = frame.edges[frame.next]!.next;
        const known = child ? child.count : 1;
        if (known === undefined) enter(child!);
        else {
          frame.total += known;
          frame.next++;
        }
        continue;
      }
      result = frame.edges.length ? Math.min(frame.total, maxPaths + 1) : 1;
      frame.node.count = result;
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.total += result;
        parent.next++;
      }
    }
    return result!;
  };

  const starts = startSegments(index, run);
  let total = 0;
  for (const start of starts) total += count(nodeFor(start.segment.stop));
  const capped = total > maxPaths;

  const paths: ScriptPath[] = [];
  for (const start of starts) {
    if (paths.length >= maxPaths) break;
    const head: Trail = { steps: [...start.steps, ...start.segment.steps], choice: null, previous: null };
    walk(nodeFor(start.segment.stop), head, start.start);
  }
  return { paths, capped };

  /**
   * Depth-first over the choices, in order, with an explicit stack; paths share their common
   * beginning until they are read.
   */
  function walk(root: Node | null, head: Trail, start: ScriptPath["start"]): void {
    const stack: { edges: Edge[]; next: number; trail: Trail }[] = [];
    const visit = (node: Node | null, trail: Trail, end: ScriptPath["end"]) => {
      const edges = node ? node.edges() : [];
      if (edges.length) stack.push({ edges, next: 0, trail });
      else paths.push(lazyPath(start, trail, node ? "stuck" : end));
    };
    visit(root, head, "ended");
    while (stack.length && paths.length < maxPaths) {
      const frame = stack[stack.length - 1]!;
      if (frame.next >= frame.edges.length) {
        stack.pop();
        continue;
      }
      const edge = frame.edges[frame.next++]!;
      visit(edge.next, { steps: edge.steps, choice: edge.choice, previous: frame.trail }, edge.end ?? "ended");
    }
  }
}

/** A path read backwards: the steps and choice added at each point, then what came before. */
interface Trail {
  steps: number[];
  choice: PathChoice | null;
  previous: Trail | null;
}

/** A path whose arrays are built on first read (10,000 paths of a large script share most of their steps). */
function lazyPath(start: ScriptPath["start"], trail: Trail, end: ScriptPath["end"]): ScriptPath {
  let steps: number[] | null = null;
  let choices: PathChoice[] | null = null;
  const build = () => {
    let stepCount = 0;
    let choiceCount = 0;
    for (let t: Trail | null = trail; t; t = t.previous) {
      stepCount += t.steps.length;
      if (t.choice) choiceCount++;
    }
    const allSteps = new Array<number>(stepCount);
    const allChoices = new Array<PathChoice>(choiceCount);
    for (let t: Trail | null = trail; t; t = t.previous) {
      for (let i = t.steps.length - 1; i >= 0; i--) allSteps[--stepCount] = t.steps[i]!;
      if (t.choice) allChoices[--choiceCount] = t.choice;
    }
    steps = allSteps;
    choices = allChoices;
  };
  return {
    start,
    get steps() {
      if (!steps) build();
      return steps!;
    },
    get choices() {
      if (!choices) build();
      return choices!;
    },
    end,
  };
}

type Run = (position: number, selected: number[], missed: boolean) => Segment;

/**
 * The conversation's beginnings: opened (welcome steps posted as they are, then the script goes
 * on if the last one waits for nothing) and, when it behaves differently, restarted (the first
 * step runs like any step).
 */
function startSegments(index: ScriptIndex, run: Run): { start: ScriptPath["start"]; steps: number[]; segment: Segment }[] {
  const welcome = welcomeSteps(index.script);
  const last = welcome[welcome.length - 1];
  if (!last) return [{ start: "open", steps: [], segment: { steps: [], stop: { kind: "end" } } }];
  const lastPosition = index.positionOf.get(last.id)!;
  const opened = INPUT_STEP_TYPES.includes(last.step_type)
    ? { start: "open" as const, steps: welcome.slice(0, -1).map((s) => s.id), segment: run(lastPosition, [], false) }
    : { start: "open" as const, steps: welcome.map((s) => s.id), segment: run(nextPosition(index, lastPosition, new Set()), [], false) };
  const restarted = { start: "restart" as const, steps: [], segment: run(0, [], false) };
  const same =
    JSON.stringify([...opened.steps, ...opened.segment.steps]) === JSON.stringify(restarted.segment.steps) &&
    JSON.stringify(opened.segment.stop) === JSON.stringify(restarted.segment.stop);
  return same ? [opened] : [opened, restarted];
}
