import { flowGraph } from "../../../src/admin/chatbots/flow_graph.ts";
import { layoutFlow } from "../../../src/admin/chatbots/flow_view.ts";
import { coverage } from "../../../src/admin/test_screen/coverage.ts";
import type { ChatbotScript } from "../../../src/engine/types.ts";

const answer = (id: number, name: string, step: number) => ({ id, name, sequence: 1, redirect_link: false as const, script_step_id: step });

/** 1 question Yes/No; 2 only if Yes; 3 only if an answer of the later question 4; 4 question. */
function script(): ChatbotScript {
  return {
    id: 9,
    title: "Flow Bot",
    script_step_ids: [
      { id: 1, sequence: 0, step_type: "question_selection", message: "Shall we?", answer_ids: [answer(10, "Yes", 1), answer(11, "No", 1)], triggering_answer_ids: [] },
      { id: 2, sequence: 1, step_type: "text", message: "Great!", answer_ids: [], triggering_answer_ids: [10] },
      { id: 3, sequence: 2, step_type: "text", message: "Never shown", answer_ids: [], triggering_answer_ids: [20] },
      { id: 4, sequence: 3, step_type: "question_selection", message: "Again?", answer_ids: [answer(20, "Sure", 4), answer(21, "Nope", 4)], triggering_answer_ids: [10] },
    ],
  };
}

QUnit.module("admin: flow graph and coverage", () => {
  QUnit.test("edges follow the conversations; dead ends and unreachable steps are marked", (assert) => {
    const graph = flowGraph(script());
    assert.false(graph.capped);
    assert.deepEqual(
      graph.edges.map((e) => `${e.from}>${e.to}:${e.label}`).sort(),
      ["1>-1:No", "1>2:Yes", "2>4:", "4>-1:Nope", "4>-1:Sure"],
      "Yes leads to 2 then 4; No ends the conversation at once",
    );
    assert.deepEqual(
      graph.nodes.map((n) => n.kind),
      ["step", "step", "step", "step", "end"],
      "one End node; no operator node without a forward",
    );
    const marks = Object.fromEntries(graph.nodes.map((n) => [n.id, n.marks]));
    assert.deepEqual(marks[1], ["dead_end"], "the question whose No ends the chat");
    assert.deepEqual(marks[3], ["unreachable"], "needs an answer given later");
    assert.deepEqual(marks[2], []);
    const placed = layoutFlow(graph, (t) => t, (m) => m);
    assert.strictEqual(placed.nodes.length, 5);
    assert.true(placed.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y)), "dagre placed every node");
    const y = Object.fromEntries(placed.nodes.map((n) => [n.id, n.y]));
    assert.true(y[1]! < y[2]! && y[2]! < y[4]! && y[4]! < y[-1]!, "top to bottom in conversation order, End last");
    assert.true(placed.edges.every((e) => e.path.startsWith("M")), "edges are SVG paths");
  });

  QUnit.test("coverage lists the conversations and ticks the ones a test went through", (assert) => {
    const none = coverage(script(), []);
    assert.deepEqual(
      none.paths.map((p) => p.covered),
      none.paths.map(() => false),
    );
    const total = none.paths.length;
    assert.true(total >= 3, `${total} paths: No; Yes then Sure; Yes then Nope`);
    const run = { stepIds: [1, 2, 4], answerIds: [10, 20], invalidInputStepIds: [], operatorJoined: false, finished: true };
    const one = coverage(script(), [run]);
    assert.strictEqual(one.paths.filter((p) => p.covered).length, 1);
    assert.deepEqual(
      one.paths.find((p) => p.covered)!.path.choices.map((c) => (c.kind === "answer" ? c.answer_id : c.kind)),
      [10, 20],
    );
    const unfinished = coverage(script(), [{ ...run, finished: false }]);
    assert.strictEqual(unfinished.paths.filter((p) => p.covered).length, 0, "a run still going covers nothing yet");
  });
});
