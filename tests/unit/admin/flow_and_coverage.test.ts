import { flowGraph } from "../../../src/admin/chatbots/flow_graph.ts";
import { layoutFlow } from "../../../src/admin/chatbots/flow_view.ts";
import { coverage, describePath, loadRuns, saveRuns, scriptFingerprint } from "../../../src/admin/test_screen/coverage.ts";
import { enumeratePaths } from "../../../src/engine/index.ts";
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

  QUnit.test("a path reads naturally: an input refused once is one part, not two", (assert) => {
    const emailBot: ChatbotScript = {
      id: 5,
      title: "Email Bot",
      script_step_ids: [
        { id: 1, sequence: 0, step_type: "question_email", message: "Your email?", answer_ids: [], triggering_answer_ids: [] },
        { id: 2, sequence: 1, step_type: "question_selection", message: "Sales or support?", answer_ids: [answer(10, "Sales", 2), answer(11, "Support", 2)], triggering_answer_ids: [] },
      ],
    };
    const _t = (text: string, ...values: (string | number)[]) => {
      let i = 0;
      return text.replace(/%s/g, () => String(values[i++]));
    };
    const labels = enumeratePaths(emailBot).paths.filter((p) => p.start === "open").map((p) => describePath(emailBot, p, _t));
    assert.deepEqual(labels.sort(), [
      "email → “Sales” → end",
      "email → “Support” → end",
      "invalid email, then a valid one → “Sales” → end",
      "invalid email, then a valid one → “Support” → end",
    ]);
  });

  QUnit.test("test runs are kept per script in the tab and dropped once the steps change", (assert) => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    } as unknown as Storage;
    const run = { stepIds: [1, 2, 4], answerIds: [10, 20], invalidInputStepIds: [], operatorJoined: false, finished: true };
    const going = { ...run, stepIds: [1], answerIds: [], finished: false };
    assert.deepEqual(loadRuns(storage, script()), [], "nothing tested yet");
    saveRuns(storage, script(), [run, { ...run }, going]);
    assert.deepEqual(loadRuns(storage, script()), [run], "finished runs, once each, survive a new screen (or a reload)");
    assert.strictEqual(coverage(script(), loadRuns(storage, script())).paths.filter((p) => p.covered).length, 1);
    const other: ChatbotScript = { ...script(), id: 10 };
    assert.deepEqual(loadRuns(storage, other), [], "kept per script");
    const edited = script();
    edited.script_step_ids[1]!.message = "Great, let's go!";
    assert.notStrictEqual(scriptFingerprint(edited), scriptFingerprint(script()));
    assert.deepEqual(loadRuns(storage, edited), [], "an edited script starts its coverage anew");
    items.set("chatbot_bridge.coverage.9", "{not json");
    assert.deepEqual(loadRuns(storage, script()), [], "a damaged entry is ignored");
    assert.deepEqual(loadRuns(null, script()), [], "no storage, no kept runs");
  });
});

