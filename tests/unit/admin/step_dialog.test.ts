import { reactive } from "@odoo/owl";
import { STEP_TYPES, ODOO_TEXTS } from "../../../src/protocol/odoo.ts";
import { StepDialog } from "../../../src/admin/chatbots/step_dialog.ts";
import type { StepCapabilities, StepDraft } from "../../../src/admin/chatbots/chatbot_service.ts";
import type { ChatbotScriptStep } from "../../../src/engine/types.ts";
import { DISCARD_QUESTION } from "../../../src/admin/chatbots/discard_question.ts";
import { click, fire, mountComponent, pendingConfirm, sampleScript, texts, type, type Mounted } from "./support.ts";

const ALL: StepCapabilities = { stepTypes: [...STEP_TYPES], crmTeam: true, helpdeskTeam: true, phoneCheck: true };
const TEAMS = { crm: [{ id: 1, name: "Sales" }], helpdesk: [{ id: 7, name: "Customer Care" }] };

interface Harness extends Mounted {
  saved: { step: ChatbotScriptStep | null; draft: StepDraft }[];
  closed: () => number;
}

async function openDialog(stepId: number | null, options: { fail?: Error } = {}): Promise<Harness> {
  const saved: Harness["saved"] = [];
  let closed = 0;
  const model = reactive({ script: sampleScript() });
  const mounted = await mountComponent(StepDialog, {
    model,
    stepId,
    capabilities: ALL,
    teams: TEAMS,
    onSave: async (step: ChatbotScriptStep | null, draft: StepDraft) => {
      if (options.fail) throw options.fail;
      saved.push({ step, draft });
    },
    close: () => closed++,
  });
  return Object.assign(mounted, { saved, closed: () => closed });
}

const q = (h: Mounted, selector: string) => h.target.querySelector(selector);
const button = (h: Mounted, label: string) => Array.from(h.target.querySelectorAll("button")).find((b) => b.textContent?.trim() === label);
const radio = (h: Mounted, value: string) => q(h, `input[type=radio][value="${value}"]`) as HTMLInputElement;
async function chooseType(h: Mounted, value: string) {
  const input = radio(h, value);
  input.checked = true;
  await fire(input, "change");
}

QUnit.module("admin: step dialog", (hooks) => {
  let h: Harness | undefined;
  hooks.afterEach(() => h?.destroy());

  QUnit.test("a new step: Odoo's title, fields and the nine step types with an explanation each", async (assert) => {
    h = await openDialog(null);
    assert.strictEqual(q(h, ".o_dialog_title")?.textContent, "Create Script Steps");
    assert.deepEqual(texts(h.target, ".o_field_label").slice(0, 3), ["Message", "Step Type", "Only If"]);
    assert.deepEqual(texts(h.target, ".o_step_type_label"), ["Text", "Question", "Email", "Phone", "Forward to Operator", "Free Input", "Free Input (Multi-Line)", "Create Lead", "Create Ticket"]);
    const helps = texts(h.target, ".o_step_type_help");
    assert.strictEqual(helps.length, 9);
    assert.true(helps.every((t) => t.length > 10), "each type explains itself");
    assert.strictEqual(new Set(helps).size, 9, "nine different explanations");
    assert.true(radio(h, "text").checked, "Text is the default, as in Odoo");
    assert.deepEqual(texts(h.target, ".o_dialog_footer button"), ["Save & Close", "Save & New", "Discard"]);
  });

  QUnit.test("Message is required (except for a forward) and a question needs answers", async (assert) => {
    h = await openDialog(null);
    await click(button(h, "Save & Close"));
    assert.strictEqual(h.saved.length, 0, "nothing saved");
    assert.strictEqual(h.closed(), 0, "still open");
    assert.true(q(h, "#o_step_message")!.classList.contains("o_field_invalid"));
    assert.strictEqual(q(h, ".alert-danger")?.textContent?.trim(), "Invalid fields: Message");

    await chooseType(h, "forward_operator");
    await click(button(h, "Save & Close"));
    assert.strictEqual(h.saved.length, 1, "a forward step may have no message");
    assert.strictEqual(h.saved[0]!.draft.step_type, "forward_operator");

    h.destroy();
    h = await openDialog(null);
    await type(q(h, "#o_step_message"), "Pick one");
    await chooseType(h, "question_selection");
    await click(q(h, ".o_answer_row .o_delete"));
    await click(button(h, "Save & Close"));
    assert.strictEqual(h.saved.length, 0);
    assert.true(q(h, ".alert-danger")?.textContent?.includes(ODOO_TEXTS.questionWithoutAnswers));
  });

  QUnit.test("a question with answers and optional links is saved with Save & Close", async (assert) => {
    h = await openDialog(null);
    await type(q(h, "#o_step_message"), "  How can I help?  ");
    await chooseType(h, "question_selection");
    assert.deepEqual(texts(h.target, ".o_answers th"), ["Answer", "Optional Link", "Remove"]);
    const rows = () => h!.target.querySelectorAll(".o_answer_row");
    assert.strictEqual(rows().length, 1, "a first empty answer is ready");
    await type(rows()[0]!.querySelector("input[type=text]"), "Pricing");
    await click(q(h, ".o_add_answer"));
    await type(rows()[1]!.querySelector("input[type=text]"), "Docs");
    await type(rows()[1]!.querySelector("input[type=url]"), "https://example.com/docs");
    await click(button(h, "Save & Close"));
    assert.strictEqual(h.closed(), 1, "closed after saving");
    assert.deepEqual(h.saved[0]!.draft, {
      message: "How can I help?",
      step_type: "question_selection",
      answers: [
        { name: "Pricing", redirect_link: "" },
        { name: "Docs", redirect_link: "https://example.com/docs" },
      ],
      triggering_answer_ids: [],
      crm_team_id: false,
      helpdesk_team_id: false,
      phone_check: false,
      phone_default_country: "",
    });
  });

  QUnit.test("editing a step starts from its values; Only If offers only answers of earlier questions", async (assert) => {
    h = await openDialog(3); // the email step, after the first question only
    assert.strictEqual(q(h, ".o_dialog_title")?.textContent, "Open: Script Steps");
    assert.strictEqual((q(h, "#o_step_message") as HTMLTextAreaElement).value, "Your email?");
    assert.true(radio(h, "question_email").checked);
    await fire(q(h, "#o_step_only_if"), "focus");
    assert.deepEqual(texts(h.target, ".o_dropdown .o_option"), ["What do you need?: Pricing", "What do you need?: Support"]);
    await click(h.target.querySelectorAll(".o_dropdown .o_option")[1]);
    await click(button(h, "Save & Close"));
    assert.strictEqual(h.saved[0]!.step?.id, 3, "the edited step is given back");
    assert.deepEqual(h.saved[0]!.draft.triggering_answer_ids, [11]);
  });

  QUnit.test("the forward reminders of Odoo", async (assert) => {
    h = await openDialog(null);
    assert.strictEqual(q(h, ".alert-info"), null, "no reminder on a plain text step");
    await chooseType(h, "forward_operator");
    assert.strictEqual(q(h, ".alert-info")?.textContent?.trim(), ODOO_TEXTS.forwardStepTip);
    h.destroy();
    h = await openDialog(6); // played only when no operator answers the forward before it
    assert.strictEqual(q(h, ".alert-info")?.textContent?.trim(), ODOO_TEXTS.forwardChildReminder);
    h.destroy();
    h = await openDialog(7);
    assert.strictEqual(q(h, ".alert-info"), null, "the unconditional last step is not a forward child");
  });

  QUnit.test("a forward step that is itself a forward child shows both of Odoo's alerts", async (assert) => {
    h = await openDialog(6); // only if Pricing, after the forward only if Pricing
    assert.deepEqual(texts(h.target, ".alert-info"), [ODOO_TEXTS.forwardChildReminder]);
    await chooseType(h, "forward_operator");
    assert.deepEqual(texts(h.target, ".alert-info"), [ODOO_TEXTS.forwardStepTip, ODOO_TEXTS.forwardChildReminder], "the tip and the reminder, independently");
  });

  QUnit.test("a route change with an unsaved draft asks first; an untouched dialog lets go", async (assert) => {
    h = await openDialog(null);
    const router = h.env.router;
    assert.true(await router.navigate("/channels"), "nothing typed: no question");
    assert.strictEqual(h.env.dialogs.stack.length, 0);
    assert.true(await router.navigate("/chatbots"));
    await type(q(h, "#o_step_message"), "Half-written");
    let leaving = router.navigate("/channels");
    const question = await pendingConfirm(h.env);
    assert.strictEqual(question.body, DISCARD_QUESTION);
    assert.strictEqual(question.title, "Warning");
    await question.answer(false);
    assert.false(await leaving, "Cancel stays");
    assert.strictEqual(router.current.route.path, "/chatbots");
    assert.strictEqual((q(h, "#o_step_message") as HTMLTextAreaElement).value, "Half-written", "the draft is kept");
    leaving = router.navigate("/channels");
    await (await pendingConfirm(h.env)).answer(true);
    assert.true(await leaving);
    assert.strictEqual(router.current.route.path, "/channels");
  });

  QUnit.test("Sales Team only for Create Lead, Helpdesk Team only for Create Ticket", async (assert) => {
    h = await openDialog(null);
    await type(q(h, "#o_step_message"), "Thanks, a lead is on its way.");
    assert.strictEqual(q(h, "#o_step_crm_team"), null);
    await chooseType(h, "create_lead");
    assert.ok(q(h, "#o_step_crm_team"), "Sales Team shows");
    assert.strictEqual(q(h, "label[for=o_step_crm_team]")?.textContent, "Sales Team");
    assert.strictEqual(q(h, "#o_step_helpdesk_team"), null);
    const select = q(h, "#o_step_crm_team") as HTMLSelectElement;
    select.value = "1";
    await fire(select, "change");
    await chooseType(h, "create_ticket");
    assert.strictEqual(q(h, "#o_step_crm_team"), null);
    assert.strictEqual(q(h, "label[for=o_step_helpdesk_team]")?.textContent, "Helpdesk Team");
    await chooseType(h, "create_lead");
    await click(button(h, "Save & Close"));
    assert.strictEqual(h.saved[0]!.draft.crm_team_id, 1);
    assert.strictEqual(h.saved[0]!.draft.helpdesk_team_id, false);
  });

  QUnit.test("a Phone step can check numbers, with a two-letter default country", async (assert) => {
    h = await openDialog(null);
    await type(q(h, "#o_step_message"), "Your phone number?");
    assert.strictEqual(q(h, "#o_step_phone_check"), null, "not offered on other types");
    await chooseType(h, "question_phone");
    assert.strictEqual(q(h, "label[for=o_step_phone_check]")?.textContent, "Check Phone Number");
    assert.strictEqual(q(h, "#o_step_phone_country"), null, "the country only matters when checking");
    await click(q(h, "#o_step_phone_check"));
    await type(q(h, "#o_step_phone_country"), "B1");
    await click(button(h, "Save & Close"));
    assert.strictEqual(h.saved.length, 0);
    assert.strictEqual(q(h, ".alert-danger")?.textContent?.trim(), "Invalid fields: Default Phone Country");
    await type(q(h, "#o_step_phone_country"), "be");
    await click(button(h, "Save & Close"));
    assert.strictEqual(h.saved[0]!.draft.phone_check, true);
    assert.strictEqual(h.saved[0]!.draft.phone_default_country, "be");
  });

  QUnit.test("Save & New keeps the dialog open on an empty step; Discard closes without saving", async (assert) => {
    h = await openDialog(null);
    await type(q(h, "#o_step_message"), "First");
    await click(button(h, "Save & New"));
    assert.strictEqual(h.saved.length, 1);
    assert.strictEqual(h.closed(), 0, "still open");
    assert.strictEqual((q(h, "#o_step_message") as HTMLTextAreaElement).value, "", "ready for the next step");
    assert.strictEqual(q(h, ".o_dialog_title")?.textContent, "Create Script Steps");
    await type(q(h, "#o_step_message"), "Second, never saved");
    await click(button(h, "Discard"));
    assert.strictEqual(h.saved.length, 1, "Discard saves nothing");
    assert.strictEqual(h.closed(), 1);
  });

  QUnit.test("a server error keeps the dialog open and shows the server's message", async (assert) => {
    h = await openDialog(null, { fail: new Error("Step of type 'Question' must have answers.") });
    await type(q(h, "#o_step_message"), "Anything");
    await click(button(h, "Save & Close"));
    assert.strictEqual(h.closed(), 0);
    assert.deepEqual(h.env.notifications.list.map((n) => n.message), ["Step of type 'Question' must have answers."]);
  });
});
