// The data of a fresh database, as Odoo ships it with demo data (reference section 7, observed
// ids of section 11): the Welcome Bot, the Lead Generation Bot, channel 1 and its /contactus rule.
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { EMBEDDED, asAdmin, asOperator, readOne } from "./support/admin.ts";

let admin: OdooClient;

const WELCOME_STEPS: [number, string, string | false, string[]][] = [
  [1, "text", "Welcome to CompanyName! 👋", []],
  [2, "question_selection", "What are you looking for?", []],
  [3, "text", "Hmmm, let me check if I can find someone that could help you with that...", ["I have a pricing question"]],
  [4, "forward_operator", false, ["I have a pricing question"]],
  [5, "text", "Hu-ho, it looks like none of our operators are available 🙁", ["I have a pricing question"]],
  [6, "question_email", "Would you mind leaving your email address so that we can reach you back?", ["I have a pricing question"]],
  [7, "text", "And tadaaaa here you go! 🌟", ["I am looking for your documentation"]],
  [8, "text", "If you need anything else, feel free to get back in touch", ["I am looking for your documentation"]],
  [9, "text", "Please do! If there is anything we can help with, let us know", ["I am just looking around"]],
];

QUnit.module("admin: first-start data", (hooks) => {
  hooks.before(async () => {
    admin = await asAdmin();
  });

  QUnit.test("the Welcome Bot is script 1 with steps 1–9 and answers 1–3, exactly as Odoo ships it", async (assert) => {
    const script = await readOne<{ title: string; active: boolean; script_step_ids: number[]; first_step_warning: unknown }>(admin, "chatbot.script", 1, ["title", "active", "script_step_ids", "first_step_warning"]);
    assert.strictEqual(script.title, "Welcome Bot");
    assert.true(script.active);
    assert.deepEqual(script.script_step_ids, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.strictEqual(script.first_step_warning, false);
    const steps = await admin.read<{ id: number; sequence: number; step_type: string; message: string | false; triggering_answer_ids: number[] }>("chatbot.script.step", script.script_step_ids, ["sequence", "step_type", "message", "triggering_answer_ids"]);
    const answers = await admin.read<{ id: number; name: string; sequence: number; redirect_link: string | false; script_step_id: [number, string] }>("chatbot.script.answer", [1, 2, 3], ["name", "sequence", "redirect_link", "script_step_id"]);
    assert.deepEqual(
      answers.map((a) => [a.id, a.name, a.redirect_link || false, a.script_step_id[0]]),
      [
        [1, "I have a pricing question", false, 2],
        [2, "I am looking for your documentation", "/", 2],
        [3, "I am just looking around", false, 2],
      ],
      "answers of step 2",
    );
    const nameOf = new Map(answers.map((a) => [a.id, a.name]));
    steps.forEach((step, i) => {
      const [sequence, type, message, onlyIf] = WELCOME_STEPS[i]!;
      assert.deepEqual([step.id, step.sequence, step.step_type, step.message], [i + 1, sequence, type, message], `step ${i + 1}`);
      assert.deepEqual(step.triggering_answer_ids.map((id) => nameOf.get(id)), onlyIf, `step ${i + 1} Only If`);
    });
  });

  QUnit.test("the Lead Generation Bot is script 2: free input, forward, text, email, create lead", async (assert) => {
    const script = await readOne<{ title: string; script_step_ids: number[] }>(admin, "chatbot.script", 2, ["title", "script_step_ids"]);
    assert.strictEqual(script.title, "Lead Generation Bot");
    const steps = await admin.read<{ step_type: string; message: string | false; triggering_answer_ids: number[] }>("chatbot.script.step", script.script_step_ids, ["step_type", "message", "triggering_answer_ids"]);
    assert.deepEqual(
      steps.map((s) => [s.step_type, s.message]),
      [
        ["free_input_multi", "Hi there, what brings you to our website today? 👋"],
        ["forward_operator", false],
        ["text", "Hu-ho, it looks like none of our operators are available 🙁"],
        ["question_email", "Would you mind leaving your email address so that we can reach you back?"],
        ["create_lead", "Thank you, you should hear back from us very soon!"],
      ],
    );
    assert.ok(steps.every((s) => s.triggering_answer_ids.length === 0), "no Only If");
  });

  QUnit.test("channel 1 'YourWebsite.com' opens the Welcome Bot on /contactus after 2 s", async (assert) => {
    const channel = await readOne<{ name: string; rule_ids: number[]; user_ids: number[] }>(admin, "im_livechat.channel", 1, ["name", "rule_ids", "user_ids"]);
    assert.strictEqual(channel.name, "YourWebsite.com");
    const rules = await admin.read<{ regex_url: string; sequence: number; action: string; auto_popup_timer: number; chatbot_script_id: [number, string] | false }>("im_livechat.channel.rule", channel.rule_ids, ["regex_url", "sequence", "action", "auto_popup_timer", "chatbot_script_id"]);
    const contactus = rules.find((r) => r.regex_url === "/contactus");
    assert.ok(contactus, "a /contactus rule");
    assert.deepEqual([contactus!.sequence, contactus!.action, contactus!.auto_popup_timer, contactus!.chatbot_script_id], [5, "auto_popup", 2, [1, "Welcome Bot"]]);
    if (EMBEDDED) {
      const operator = await asOperator();
      const info = await operator.sessionInfo();
      assert.ok(channel.user_ids.includes(info.uid as number), "the operator is a member of channel 1");
      assert.strictEqual(info.name, "Marc Demo");
      assert.strictEqual((await admin.sessionInfo()).name, "Mitchell Admin");
    }
  });

  QUnit.test("a 'Sales' CRM team (and, where helpdesk exists, 'Customer Care')", async (assert) => {
    assert.ok((await admin.searchCount("crm.team", [["name", "=", "Sales"]])) >= 1, "Sales");
    if (EMBEDDED) assert.strictEqual(await admin.searchCount("helpdesk.team", [["name", "=", "Customer Care"]]), 1, "Customer Care");
    const countries = await admin.searchRead<{ code: string }>("res.country", [["code", "in", ["BE", "FR", "US"]]], ["code"]);
    assert.deepEqual(countries.map((c) => c.code).sort(), ["BE", "FR", "US"], "countries with their codes");
  });
});
