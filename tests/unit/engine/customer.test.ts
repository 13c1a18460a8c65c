import { customerValues, channelHistory, escapeHtml, leadName, ticketName, type RawAnswer } from "../../../src/engine/index.ts";
import { testingBotWithLead, testingBotWithTicket, TESTING_BOT_IDS } from "../../../src/engine/fixtures/index.ts";
import { drive, script } from "./helpers.ts";

const { answers: an } = TESTING_BOT_IDS;

QUnit.module("engine: customer values for leads and tickets", () => {
  QUnit.test("crm_livechat test: email and phone from the answers, Odoo 17/18 description", (assert) => {
    const { state } = drive(testingBotWithLead(), [
      { type: "open" },
      { type: "answer", answer_id: an.createLead },
      { type: "text", text: "test2@example.com" },
      { type: "text", text: "123456" },
    ]);
    assert.deepEqual(customerValues(state), {
      email: "test2@example.com",
      phone: "123456",
      description: "Please contact me on: <strong>test2@example.com</strong><br>Please call me on: <strong>123456</strong><br><br>",
    });
    assert.strictEqual(leadName("Testing Bot"), "Testing Bot's New Lead");
  });

  QUnit.test("helpdesk test: issue, email and phone; ticket name", (assert) => {
    const { state, outputs } = drive(testingBotWithTicket(), [
      { type: "open" },
      { type: "answer", answer_id: an.createTicket },
      { type: "text", text: "My printer is on fire", hold: true },
      { type: "text", text: "Please help" },
      { type: "text", text: "helpme@example.com" },
      { type: "text", text: "+32499112233" },
    ]);
    const values = customerValues(state);
    assert.strictEqual(values.email, "helpme@example.com");
    assert.strictEqual(values.phone, "+32499112233");
    assert.deepEqual(outputs.find((o) => o.kind === "create_ticket"), { kind: "create_ticket", step_id: TESTING_BOT_IDS.steps.createTicket, helpdesk_team_id: false });
    assert.deepEqual(state.raw_answers.map((r) => r.step_type), ["question_email", "question_phone"], "only what the ticket is made from is kept");
    assert.strictEqual(ticketName("Testing Bot"), "Testing Bot's Ticket");
  });

  QUnit.test("the latest non-empty answer of each kind wins; nothing gives an empty description", (assert) => {
    const raw: RawAnswer[] = [
      { step_id: 1, step_type: "question_email", text: "old@example.com" },
      { step_id: 2, step_type: "question_phone", text: "111" },
      { step_id: 3, step_type: "question_email", text: "new@example.com" },
      { step_id: 4, step_type: "question_phone", text: "  " },
      { step_id: 5, step_type: "free_input_single", text: "not a contact" },
    ];
    const values = customerValues({ raw_answers: raw });
    assert.strictEqual(values.email, "new@example.com");
    assert.strictEqual(values.phone, "111", "an empty later answer does not hide an earlier one");
    assert.deepEqual(customerValues({ raw_answers: [] }), { email: null, phone: null, description: "" });
    assert.strictEqual(
      customerValues({ raw_answers: [{ step_id: 2, step_type: "question_phone", text: "42" }] }).description,
      "Please call me on: <strong>42</strong><br><br>",
    );
  });

  QUnit.test("with the phone check on, leads get E.164; text is escaped in the HTML", (assert) => {
    const s = script([{ id: 2, sequence: 1, type: "question_phone", message: "Phone?", phone_check: true, phone_default_country: "BE" }]);
    const raw: RawAnswer[] = [
      { step_id: 2, step_type: "question_phone", text: "0499 11 22 33" },
      { step_id: 1, step_type: "question_email", text: "a<b>@example.com" },
    ];
    assert.strictEqual(customerValues({ raw_answers: raw }, { script: s }).phone, "+32499112233");
    assert.strictEqual(customerValues({ raw_answers: raw }).phone, "0499 11 22 33", "without the script: as given");
    assert.true(customerValues({ raw_answers: raw }, { script: s }).description.startsWith("Please contact me on: <strong>a&lt;b&gt;@example.com</strong><br>"));
  });

  QUnit.test("HTML escaping as Odoo's markupsafe: quotes as &#34; and &#39;", (assert) => {
    assert.strictEqual(escapeHtml(`He said "hi" & it's <b>`), "He said &#34;hi&#34; &amp; it&#39;s &lt;b&gt;");
    assert.strictEqual(
      channelHistory([{ author_name: `O'Brien`, body: `"Quoted" answer` }]),
      "O&#39;Brien: &#34;Quoted&#34; answer<br/>",
    );
    assert.strictEqual(
      customerValues({ raw_answers: [{ step_id: 1, step_type: "question_phone", text: `+32 "499"` }] }).description,
      "Please call me on: <strong>+32 &#34;499&#34;</strong><br><br>",
    );
  });

  QUnit.test("transcript: one line per message, 'author: text'", (assert) => {
    assert.strictEqual(
      channelHistory([
        { author_name: "Welcome Bot", body: "What are you looking for?" },
        { author_name: "Visitor", body: "I have a <pricing> question" },
      ]),
      "Welcome Bot: What are you looking for?<br/>Visitor: I have a &lt;pricing&gt; question<br/>",
    );
    assert.strictEqual(channelHistory([]), "");
  });
});
