import { initialState, reduce, viewStep, type ConversationState } from "../../../src/engine/index.ts";
import { testingBot, testingBotWithLead, TESTING_BOT_IDS, welcomeBot, WELCOME_BOT_IDS, leadGenerationBot, LEAD_GENERATION_BOT_IDS } from "../../../src/engine/fixtures/index.ts";
import { BRIDGE_ERRORS } from "../../../src/protocol/bridge.ts";
import { drive, lines, script, NO_OPERATOR, OPERATOR } from "./helpers.ts";

const { steps: st, answers: an } = TESTING_BOT_IDS;

QUnit.module("engine: conversation reducer (Testing Bot scenarios)", () => {
  QUnit.test("open posts the welcome steps; the last one becomes current", (assert) => {
    const { state, outputs } = drive(testingBot(), [{ type: "open" }]);
    assert.deepEqual(lines(outputs), ["bot: Hello! I'm a bot!", "bot: I help lost visitors find their way.", "bot: How can I help you?"]);
    assert.deepEqual(outputs.map((o) => (o.kind === "message" ? o.step_id : null)), [st.hello, st.welcome, st.dispatch]);
    assert.strictEqual(state.current_step_id, st.dispatch);
    assert.strictEqual(state.state, "bot");
    assert.false(state.closed);
  });

  QUnit.test("ctx.onStep is told every step run, in order, silent ones included", (assert) => {
    const s = script([
      { id: 1, sequence: 1, type: "text", message: "Hi" },
      { id: 2, sequence: 2, type: "question_selection", message: "Q", answers: [[1, "a"]] },
      { id: 3, sequence: 3, type: "text", message: false },
      { id: 4, sequence: 4, type: "forward_operator", message: "Connecting" },
      { id: 5, sequence: 5, type: "question_email", message: "Email?" },
      { id: 6, sequence: 6, type: "text", message: "Bye" },
    ]);
    const ran: number[] = [];
    const ctx = { operatorAvailable: false, onStep: (id: number) => ran.push(id) };
    let result = reduce(s, initialState(), { type: "open" }, ctx);
    assert.deepEqual(ran.splice(0), [1, 2], "welcome steps");
    if ("error" in result) throw new Error(result.error.message);
    result = reduce(s, result.state, { type: "answer", answer_id: 1 }, ctx);
    assert.deepEqual(ran.splice(0), [3, 4, 5], "a step without message and a forward without operator run too");
    if ("error" in result) throw new Error(result.error.message);
    const refused = reduce(s, result.state, { type: "text", text: "not an email" }, ctx);
    assert.deepEqual(ran.splice(0), [], "a refused input runs nothing");
    if ("error" in refused) throw new Error(refused.error.message);
    reduce(s, refused.state, { type: "text", text: "a@example.com" }, ctx);
    assert.deepEqual(ran, [6]);
  });

  QUnit.test("test_chatbot_steps: buy → email step; invalid email stays; valid email moves on", (assert) => {
    const bot = testingBot();
    let { state } = drive(bot, [{ type: "open" }]);
    let out = drive(bot, [{ type: "answer", answer_id: an.buy }], NO_OPERATOR, state);
    assert.deepEqual(lines(out.outputs), ["visitor: I want to buy the software", "bot: Can you give us your email please?"]);
    assert.strictEqual(out.outputs[0]!.kind === "message" && out.outputs[0].answer_id, an.buy, "the visitor message carries the answer");
    assert.strictEqual(out.state.current_step_id, st.email);
    assert.deepEqual(out.state.selected_answer_ids, [an.buy]);
    state = out.state;
    out = drive(bot, [{ type: "text", text: "test" }], NO_OPERATOR, state);
    assert.deepEqual(lines(out.outputs), ["visitor: test", "bot: 'test' does not look like a valid email. Can you please try again?"]);
    assert.strictEqual(out.state.current_step_id, st.email, "the step does not advance");
    assert.strictEqual(out.outputs[1]!.kind === "message" && out.outputs[1].step_id, st.email, "the retry message is linked to the email step");
    assert.deepEqual(out.state.raw_answers, [], "an invalid email is not stored");
    out = drive(bot, [{ type: "text", text: "test@example.com" }], NO_OPERATOR, out.state);
    assert.deepEqual(lines(out.outputs), [
      "visitor: test@example.com",
      "bot: Your email is validated, thank you!",
      "bot: Would you mind providing your website address?",
    ]);
    assert.strictEqual(out.state.current_step_id, st.askWebsite);
    assert.deepEqual(out.state.raw_answers, [{ step_id: st.email, step_type: "question_email", text: "test@example.com" }]);
  });

  QUnit.test("test_complete_chatbot_flow_ui: the exact ordered messages, restarts included", (assert) => {
    const bot = testingBot();
    const first = drive(bot, [
      { type: "open" },
      { type: "answer", answer_id: an.buy },
      { type: "text", text: "No, you won't get my email!" },
      { type: "text", text: "okfine@example.com" },
      { type: "text", text: "https://www.example.com" },
      { type: "text", text: "no", hold: true },
      { type: "text", text: "you", hold: true },
      { type: "text", text: "are too slow" },
    ]);
    assert.strictEqual(first.state.state, "ended", "'Ok bye!' ends the script");
    const second = drive(bot, [{ type: "restart" }, { type: "answer", answer_id: an.pricing }, { type: "text", text: "www.example.com" }, { type: "text", text: "Good" }], NO_OPERATOR, first.state);
    assert.strictEqual(second.state.state, "ended");
    const third = drive(bot, [{ type: "restart" }, { type: "answer", answer_id: an.operator }], OPERATOR, second.state);
    assert.deepEqual(lines([...first.outputs, ...second.outputs, ...third.outputs]), [
      "bot: Hello! I'm a bot!",
      "bot: I help lost visitors find their way.",
      "bot: How can I help you?",
      "visitor: I want to buy the software",
      "bot: Can you give us your email please?",
      "visitor: No, you won't get my email!",
      "bot: 'No, you won't get my email!' does not look like a valid email. Can you please try again?",
      "visitor: okfine@example.com",
      "bot: Your email is validated, thank you!",
      "bot: Would you mind providing your website address?",
      "visitor: https://www.example.com",
      "bot: Great, do you want to leave any feedback for us to improve?",
      "visitor: no",
      "visitor: you",
      "visitor: are too slow",
      "bot: Ok bye!",
      "system: Restarting conversation...",
      "bot: Hello! I'm a bot!",
      "bot: I help lost visitors find their way.",
      "bot: How can I help you?",
      "visitor: Pricing Question",
      "bot: For any pricing question, feel free ton contact us at pricing@mycompany.com",
      "bot: We will reach back to you as soon as we can!",
      "bot: Would you mind providing your website address?",
      "visitor: www.example.com",
      "bot: Great, do you want to leave any feedback for us to improve?",
      "visitor: Good",
      "bot: Ok bye!",
      "system: Restarting conversation...",
      "bot: Hello! I'm a bot!",
      "bot: I help lost visitors find their way.",
      "bot: How can I help you?",
      "visitor: I want to speak with an operator",
      "bot: I will transfer you to a human.",
      `[forward ${st.forwardOperator}]`,
    ]);
    assert.strictEqual(third.state.state, "operator");
    assert.deepEqual(third.state.selected_answer_ids, [an.operator], "restart forgot the earlier answers");
    assert.deepEqual(
      first.state.raw_answers.map((r) => r.text),
      ["okfine@example.com"],
      "the state keeps the email answer; free text stays in the transcript only",
    );
  });

  QUnit.test("forward without operator posts nothing and goes on", (assert) => {
    const { state, outputs } = drive(testingBot(), [{ type: "open" }, { type: "answer", answer_id: an.operator }]);
    assert.deepEqual(lines(outputs).slice(3), [
      "visitor: I want to speak with an operator",
      "bot: Sorry, you will have to stay with me for a while",
      "bot: So... What can I do to help you?",
    ]);
    assert.strictEqual(state.current_step_id, st.noOperatorDispatch);
    const next = drive(testingBot(), [{ type: "answer", answer_id: an.leaving }], NO_OPERATOR, state);
    assert.deepEqual(lines(next.outputs), ["visitor: I will be leaving then", "bot: Ok, I'm sorry I was not able to help you", "bot: Would you mind providing your website address?"]);
  });

  QUnit.test("forward with an operator: message, then forward, then operator state; replies are plain chat", (assert) => {
    const { state, outputs } = drive(testingBot(), [{ type: "open" }, { type: "answer", answer_id: an.operator }], OPERATOR);
    assert.deepEqual(lines(outputs).slice(-2), ["bot: I will transfer you to a human.", `[forward ${st.forwardOperator}]`]);
    assert.strictEqual(state.current_step_id, st.forwardOperator);
    const chat = reduce(testingBot(), state, { type: "text", text: "  hello  " }, OPERATOR);
    assert.false("error" in chat);
    if (!("error" in chat)) {
      assert.deepEqual(chat.outputs, [{ kind: "message", author: "visitor", body: "hello", step_id: null, answer_id: null }]);
      assert.strictEqual(chat.state.state, "operator");
    }
  });

  QUnit.test("forward without message and with an operator: only the forward effect", (assert) => {
    const bot = leadGenerationBot();
    const { steps: s } = LEAD_GENERATION_BOT_IDS;
    const { state, outputs } = drive(bot, [{ type: "open" }, { type: "text", text: "I need a quote" }], OPERATOR);
    assert.deepEqual(lines(outputs), ["bot: Hi there, what brings you to our website today? 👋", "visitor: I need a quote", `[forward ${s.forward}]`]);
    assert.strictEqual(state.state, "operator");
  });

  QUnit.test("create_lead: step message, then the effect, then the script goes on", (assert) => {
    const bot = testingBotWithLead();
    const { state, outputs } = drive(bot, [
      { type: "open" },
      { type: "answer", answer_id: an.createLead },
      { type: "text", text: "test2@example.com" },
      { type: "text", text: "123456" },
    ]);
    assert.deepEqual(lines(outputs).slice(-4), [
      "visitor: 123456",
      "bot: Thank you! A lead has been created.",
      `[create_lead ${st.createLead}]`,
      "bot: Would you mind providing your website address?",
    ]);
    const effect = outputs.find((o) => o.kind === "create_lead");
    assert.deepEqual(effect, { kind: "create_lead", step_id: st.createLead, crm_team_id: TESTING_BOT_IDS.teams.sales });
    assert.deepEqual(state.raw_answers.map((r) => [r.step_type, r.text]), [["question_email", "test2@example.com"], ["question_phone", "123456"]], "phone stored as given");
  });

  QUnit.test("Lead Generation Bot without operator ends with create_lead", (assert) => {
    const { state, outputs } = drive(leadGenerationBot(), [{ type: "open" }, { type: "text", text: "Prices?" }, { type: "text", text: "me@example.com" }]);
    const { steps: s } = LEAD_GENERATION_BOT_IDS;
    assert.deepEqual(lines(outputs).slice(2), [
      "bot: Hu-ho, it looks like none of our operators are available 🙁",
      "bot: Would you mind leaving your email address so that we can reach you back?",
      "visitor: me@example.com",
      "bot: Thank you, you should hear back from us very soon!",
      `[create_lead ${s.createLead}]`,
    ]);
    assert.deepEqual(outputs.find((o) => o.kind === "create_lead"), { kind: "create_lead", step_id: s.createLead, crm_team_id: false });
    assert.strictEqual(state.state, "ended");
    assert.strictEqual(state.current_step_id, s.createLead);
  });
});

QUnit.module("engine: conversation reducer rules", () => {
  const inputs = () =>
    script([
      { id: 1, sequence: 1, type: "question_selection", message: "Pick", answers: [[1, "one"], [2, "two"]] },
      { id: 2, sequence: 2, type: "text", message: false, onlyIf: [2] },
      { id: 3, sequence: 3, type: "question_phone", message: "Phone?", phone_check: true, onlyIf: [1] },
      { id: 4, sequence: 4, type: "free_input_multi", message: "Tell me more", onlyIf: [1] },
      { id: 5, sequence: 5, type: "question_phone", message: "Any phone?", onlyIf: [1] },
    ]);
  const opened = () => drive(inputs(), [{ type: "open" }]).state;
  const error = (state: ConversationState, event: Parameters<typeof reduce>[2], ctx = NO_OPERATOR) => {
    const result = reduce(inputs(), state, event, ctx);
    return "error" in result ? result.error : null;
  };

  QUnit.test("parameter errors, exact texts", (assert) => {
    assert.deepEqual(error(opened(), { type: "text", text: "hi" }), { kind: "validation", message: BRIDGE_ERRORS.chooseAnswer });
    assert.deepEqual(error(opened(), { type: "answer", answer_id: 999 }), { kind: "validation", message: BRIDGE_ERRORS.unknownAnswer });
    const onPhone = drive(inputs(), [{ type: "answer", answer_id: 1 }], NO_OPERATOR, opened()).state;
    assert.deepEqual(error(onPhone, { type: "answer", answer_id: 1 }), { kind: "validation", message: BRIDGE_ERRORS.expectsText });
    assert.deepEqual(error(onPhone, { type: "text", text: "   " }), { kind: "validation", message: BRIDGE_ERRORS.emptyMessage });
    assert.deepEqual(error(onPhone, { type: "text", text: "x".repeat(4001) }), { kind: "validation", message: BRIDGE_ERRORS.tooLong });
    assert.strictEqual(error(onPhone, { type: "text", text: `  ${"x".repeat(4000)}  ` }), null, "4,000 characters after trimming is fine");
    assert.deepEqual(error(onPhone, { type: "finish" }), { kind: "validation", message: BRIDGE_ERRORS.eitherAnswerOrText });
  });

  QUnit.test("state errors: ended, closed, operator", (assert) => {
    const ended = drive(inputs(), [{ type: "answer", answer_id: 2 }], NO_OPERATOR, opened()).state;
    assert.strictEqual(ended.state, "ended", "the empty text step ends the 'two' branch");
    assert.strictEqual(ended.current_step_id, 2, "a text step without message becomes current");
    assert.deepEqual(error(ended, { type: "text", text: "hi" }), { kind: "user", message: BRIDGE_ERRORS.ended });
    assert.deepEqual(error(ended, { type: "answer", answer_id: 1 }), { kind: "user", message: BRIDGE_ERRORS.ended });
    const closed = drive(inputs(), [{ type: "close" }], NO_OPERATOR, opened()).state;
    assert.deepEqual([closed.state, closed.closed], ["ended", true]);
    assert.deepEqual(error(closed, { type: "text", text: "hi" }), { kind: "user", message: BRIDGE_ERRORS.closed });
    assert.deepEqual(error(closed, { type: "restart" }), { kind: "user", message: BRIDGE_ERRORS.closed });
    const again = reduce(inputs(), closed, { type: "close" }, NO_OPERATOR);
    assert.deepEqual(again, { state: closed, outputs: [] }, "closing twice changes nothing");
    const operatorState: ConversationState = { ...opened(), state: "operator" };
    assert.deepEqual(error(operatorState, { type: "restart" }), { kind: "user", message: BRIDGE_ERRORS.operatorPresent });
    const closedFromOperator = drive(inputs(), [{ type: "close" }], NO_OPERATOR, operatorState).state;
    assert.deepEqual([closedFromOperator.state, closedFromOperator.closed], ["ended", true]);
    const restarted = drive(inputs(), [{ type: "restart" }], NO_OPERATOR, ended);
    assert.deepEqual(lines(restarted.outputs), ["system: Restarting conversation...", "bot: Pick"], "restart allowed once ended");
    assert.deepEqual(restarted.state.selected_answer_ids, []);
  });

  QUnit.test("restart is allowed while the bot waits", (assert) => {
    const { state, outputs } = drive(inputs(), [{ type: "answer", answer_id: 1 }, { type: "restart" }], NO_OPERATOR, opened());
    assert.deepEqual(lines(outputs).slice(-2), ["system: Restarting conversation...", "bot: Pick"]);
    assert.deepEqual([state.state, state.current_step_id, state.raw_answers.length], ["bot", 1, 0]);
  });

  QUnit.test("phone check: invalid numbers get the retry message; valid ones are stored as given", (assert) => {
    const onPhone = drive(inputs(), [{ type: "answer", answer_id: 1 }], NO_OPERATOR, opened()).state;
    const bad = drive(inputs(), [{ type: "text", text: "12345" }], NO_OPERATOR, onPhone);
    assert.deepEqual(lines(bad.outputs), ["visitor: 12345", "bot: '12345' does not look like a valid phone number. Can you please try again?"]);
    assert.strictEqual(bad.state.current_step_id, 3);
    const national = drive(inputs(), [{ type: "text", text: "0499 11 22 33" }], { operatorAvailable: false, phoneDefaultCountry: "BE" }, onPhone);
    assert.strictEqual(national.state.current_step_id, 4, "the visitor's country makes a national number valid");
    const good = drive(inputs(), [{ type: "text", text: "+32 499 11 22 33" }], NO_OPERATOR, onPhone);
    assert.deepEqual(good.state.raw_answers, [{ step_id: 3, step_type: "question_phone", text: "+32 499 11 22 33" }]);
    assert.deepEqual(lines(good.outputs), ["visitor: +32 499 11 22 33", "bot: Tell me more"]);
  });

  QUnit.test("hold only keeps a multi-line answer open; finish takes the held lines", (assert) => {
    const onMulti = drive(inputs(), [{ type: "answer", answer_id: 1 }, { type: "text", text: "+32 499 11 22 33" }], NO_OPERATOR, opened()).state;
    const held = drive(inputs(), [{ type: "text", text: "first", hold: true }, { type: "text", text: "second", hold: true }], NO_OPERATOR, onMulti);
    assert.deepEqual(lines(held.outputs), ["visitor: first", "visitor: second"], "no bot reply while held");
    assert.deepEqual(held.state.held_lines, ["first", "second"]);
    assert.strictEqual(held.state.current_step_id, 4);
    const finished = drive(inputs(), [{ type: "finish" }], NO_OPERATOR, held.state);
    assert.deepEqual(lines(finished.outputs), ["bot: Any phone?"]);
    assert.deepEqual(finished.state.held_lines, [], "finish lets the held lines go: they are in the transcript");
    assert.deepEqual(finished.state.raw_answers.map((r) => r.step_type), ["question_phone"], "a free-input answer is not kept in the state");
    const unchecked = drive(inputs(), [{ type: "text", text: "call me maybe", hold: true }], NO_OPERATOR, finished.state);
    assert.strictEqual(unchecked.state.state, "ended", "hold is ignored outside a multi-line step; phone without check is stored as given");
    assert.deepEqual(unchecked.state.raw_answers.at(-1), { step_id: 5, step_type: "question_phone", text: "call me maybe" });
  });

  QUnit.test("open: empty and text-only scripts end at once", (assert) => {
    assert.deepEqual(drive(script([]), [{ type: "open" }]).state.state, "ended");
    const texts = drive(script([{ id: 1, sequence: 1, type: "text", message: "hi" }, { id: 2, sequence: 2, type: "text", message: "bye" }]), [{ type: "open" }]);
    assert.deepEqual(lines(texts.outputs), ["bot: hi", "bot: bye"]);
    assert.deepEqual([texts.state.state, texts.state.current_step_id], ["ended", 2]);
  });

  QUnit.test("initial state", (assert) => {
    assert.deepEqual(initialState(), { state: "bot", closed: false, current_step_id: null, selected_answer_ids: [], raw_answers: [], held_lines: [] });
  });
});

QUnit.module("engine: viewStep", () => {
  QUnit.test("the bridge view of a step", (assert) => {
    const bot = welcomeBot();
    const { steps: s, answers: a } = WELCOME_BOT_IDS;
    const find = (id: number) => bot.script_step_ids.find((x) => x.id === id)!;
    assert.deepEqual(viewStep(bot, find(s.dispatch), []), {
      id: s.dispatch,
      type: "question_selection",
      message: "What are you looking for?",
      answers: [
        { id: a.pricing, name: "I have a pricing question", redirect_link: null },
        { id: a.documentation, name: "I am looking for your documentation", redirect_link: "/" },
        { id: a.justLooking, name: "I am just looking around", redirect_link: null },
      ],
      is_last: false,
    });
    assert.deepEqual(viewStep(bot, find(s.pricingEmail), [a.pricing]).is_last, true);
    assert.deepEqual(viewStep(bot, find(s.pricingForward), [a.pricing]).message, null);
  });
});
