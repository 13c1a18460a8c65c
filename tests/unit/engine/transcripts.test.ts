// The four recorded Welcome Bot flows inline (browser-safe twin of transcripts.node.test.ts).
import { replayWelcomeBot, type Seen } from "./transcript-driver.ts";

const welcome: Seen[] = [
  { who: "bot", text: "Welcome to CompanyName! 👋", step_id: 1 },
  {
    who: "bot",
    text: "What are you looking for?",
    answers: ["I have a pricing question", "I am looking for your documentation", "I am just looking around"],
    step_id: 2,
  },
];
const pricing: Seen[] = [
  { who: "visitor", text: "I have a pricing question" },
  { who: "bot", text: "Hmmm, let me check if I can find someone that could help you with that...", step_id: 3 },
];
const noOperator: Seen[] = [
  { who: "bot", text: "Hu-ho, it looks like none of our operators are available 🙁", step_id: 5 },
  { who: "bot", text: "Would you mind leaving your email address so that we can reach you back?", step_id: 6 },
];

const flows: Record<string, { sees: Seen[]; operator: boolean }> = {
  documentation_redirect: {
    operator: false,
    sees: [
      ...welcome,
      { who: "visitor", text: "I am looking for your documentation" },
      { who: "bot", text: "And tadaaaa here you go! 🌟", step_id: 7 },
      { who: "bot", text: "If you need anything else, feel free to get back in touch", step_id: 8 },
    ],
  },
  just_looking_then_restart: {
    operator: false,
    sees: [
      ...welcome,
      { who: "visitor", text: "I am just looking around" },
      { who: "bot", text: "Please do! If there is anything we can help with, let us know", step_id: 9 },
      { who: "bot", text: "Restarting conversation..." },
      ...welcome,
      ...pricing,
      ...noOperator,
      { who: "visitor", text: "another.visitor@example.org" },
    ],
  },
  pricing_no_operator_email: {
    operator: false,
    sees: [
      ...welcome,
      ...pricing,
      ...noOperator,
      { who: "visitor", text: "not-an-email" },
      { who: "bot", text: "'not-an-email' does not look like a valid email. Can you please try again?" },
      { who: "visitor", text: "visitor@example.com" },
    ],
  },
  pricing_operator_online: {
    operator: true,
    sees: [...welcome, ...pricing, { who: "visitor", text: "Hello, is a human there?" }],
  },
};

QUnit.module("engine: Welcome Bot flows (inline)", () => {
  for (const [name, flow] of Object.entries(flows)) {
    QUnit.test(name, (assert) => {
      const { seen, state } = replayWelcomeBot(flow.sees, flow.operator);
      assert.deepEqual(seen, flow.sees);
      assert.strictEqual(state.state, flow.operator ? "operator" : "ended");
    });
  }
  QUnit.test("the email answer is kept for the lead", (assert) => {
    const { state } = replayWelcomeBot(flows.pricing_no_operator_email!.sees, false);
    assert.deepEqual(state.raw_answers, [{ step_id: 6, step_type: "question_email", text: "visitor@example.com" }]);
    assert.deepEqual(state.selected_answer_ids, [1]);
  });
});
