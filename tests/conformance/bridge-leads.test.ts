// Create Lead and Create Ticket steps: the records admins see over call_kw (sections 3.10–3.12).
import { ODOO_TEXTS, formatText } from "../../src/protocol/odoo.ts";
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { bodies, bridgeWithSession, createScript, hasFeature, loginAdmin, msgId, testIf, visitor, type MadeScript } from "./support/bridge.ts";

let admin: OdooClient;

type Many2one = [number, string] | false;
const idOf = (value: unknown) => (Array.isArray(value) ? (value[0] as number) : value);

async function converse(script: MadeScript, answers: string[]) {
  const view = await bridgeWithSession(admin).openTest({ script_id: script.id });
  let last = view;
  for (const text of answers) last = await visitor().reply({ token: view.token, client_msg_id: msgId(), text });
  return { token: view.token, last };
}

QUnit.module("bridge: leads and tickets", (hooks) => {
  hooks.before(async () => {
    admin = await loginAdmin();
  });

  testIf("create_lead: the lead with Odoo's values, after the step message", hasFeature("create_lead"), "create_lead not in server.features", async (assert) => {
    const teamId = await admin.create("crm.team", { name: `Conformance Leads ${Date.now()}`, use_leads: true });
    const script = await createScript(admin, [
      { type: "free_input_single", message: "What brings you here?" },
      { type: "question_email", message: "Email?" },
      { type: "question_phone", message: "Phone?" },
      { type: "create_lead", message: "We will call you", extra: { crm_team_id: teamId } },
      { type: "text", message: "Bye" },
    ]);
    const { last } = await converse(script, ["I want <b>10</b> licences", "lead@example.com", "+32 470 12 34 56"]);
    assert.deepEqual(bodies(last.messages), ["+32 470 12 34 56", "We will call you", "Bye"]);
    const [scriptRow] = await admin.read<{ source_id: Many2one }>("chatbot.script", [script.id], ["source_id"]);
    const leads = await admin.searchRead<Record<string, unknown>>("crm.lead", [["source_id", "=", idOf(scriptRow!.source_id)]], ["name", "email_from", "phone", "description", "team_id", "type", "source_id", "user_id"]);
    assert.strictEqual(leads.length, 1, "one lead");
    const lead = leads[0]!;
    assert.strictEqual(lead.name, formatText(ODOO_TEXTS.leadName, script.title));
    assert.strictEqual(lead.email_from, "lead@example.com");
    assert.ok(lead.phone === "+32 470 12 34 56" || lead.phone === "+32470123456", `phone ${lead.phone}`);
    assert.strictEqual(idOf(lead.team_id), teamId);
    assert.strictEqual(lead.type, "lead", "the team uses leads");
    assert.notOk(lead.user_id, "no salesperson");
    const description = String(lead.description);
    assert.ok(description.includes("lead@example.com"), "the description has the email");
    assert.ok(description.includes("What brings you here?") && description.includes("licences"), "and the conversation");
    assert.notOk(/<script/i.test(description), "visitor text is never markup");
  });

  testIf(
    "phone check: the answer is kept as typed, the lead gets E.164",
    hasFeature("create_lead") && hasFeature("phone_check"),
    "create_lead or phone_check not in server.features",
    async (assert) => {
      const script = await createScript(admin, [
        { type: "question_phone", message: "Phone?", extra: { phone_check: true, phone_default_country: "BE" } },
        { type: "create_lead", message: "Thanks" },
      ]);
      const { last } = await converse(script, ["0470 12 34 56"]);
      assert.deepEqual(bodies(last.messages), ["0470 12 34 56", "Thanks"], "the visitor's text as typed");
      const [scriptRow] = await admin.read<{ source_id: Many2one }>("chatbot.script", [script.id], ["source_id"]);
      const [lead] = await admin.searchRead<Record<string, unknown>>("crm.lead", [["source_id", "=", idOf(scriptRow!.source_id)]], ["phone"]);
      assert.strictEqual(lead?.phone, "+32470123456");
    },
  );

  testIf("the Lead Generation Bot, as Odoo ships it, ends with a lead", hasFeature("create_lead"), "create_lead not in server.features", async (assert) => {
    const [scriptId] = await admin.search("chatbot.script", [["title", "=", "Lead Generation Bot"]]);
    assert.ok(scriptId, "the Lead Generation Bot is installed");
    const view = await bridgeWithSession(admin).openTest({ script_id: scriptId! });
    assert.deepEqual(bodies(view.messages), ["Hi there, what brings you to our website today? 👋"]);
    assert.strictEqual(view.step?.type, "free_input_multi");
    await visitor().reply({ token: view.token, client_msg_id: msgId(), text: "I need 40 seats", hold: true });
    const asked = await visitor().reply({ token: view.token, client_msg_id: msgId(), text: "before Friday" });
    assert.deepEqual(bodies(asked.messages), [
      "before Friday",
      "Hu-ho, it looks like none of our operators are available 🙁",
      "Would you mind leaving your email address so that we can reach you back?",
    ], "no operator in a test conversation: the script goes on");
    const email = `leadgen-${Date.now()}@example.com`;
    const done = await visitor().reply({ token: view.token, client_msg_id: msgId(), text: email });
    assert.deepEqual(bodies(done.messages), [email, "Thank you, you should hear back from us very soon!"]);
    assert.strictEqual(done.state, "ended");
    const leads = await admin.searchRead<Record<string, unknown>>("crm.lead", [["email_from", "=", email]], ["name", "description"]);
    assert.strictEqual(leads.length, 1);
    assert.strictEqual(leads[0]!.name, formatText(ODOO_TEXTS.leadName, "Lead Generation Bot"));
    assert.ok(String(leads[0]!.description).includes("40 seats"), "the transcript is in the description");
  });

  testIf("create_lead without a team gives an opportunity, as Odoo 17/18", hasFeature("create_lead"), "create_lead not in server.features", async (assert) => {
    const script = await createScript(admin, [
      { type: "question_email", message: "Email?" },
      { type: "create_lead", message: "Thanks" },
    ]);
    await converse(script, ["opp@example.com"]);
    const [scriptRow] = await admin.read<{ source_id: Many2one }>("chatbot.script", [script.id], ["source_id"]);
    const leads = await admin.searchRead<Record<string, unknown>>("crm.lead", [["source_id", "=", idOf(scriptRow!.source_id)]], ["type", "team_id", "email_from"]);
    assert.strictEqual(leads.length, 1);
    assert.strictEqual(leads[0]!.type, "opportunity");
    assert.notOk(leads[0]!.team_id);
  });

  testIf("create_ticket: a partner from the email and the ticket", hasFeature("create_ticket"), "create_ticket not in server.features", async (assert) => {
    const teamId = await admin.create("helpdesk.team", { name: `Conformance Care ${Date.now()}` });
    const email = `ticket-${Date.now()}@example.com`;
    const script = await createScript(admin, [
      { type: "free_input_multi", message: "Describe the issue" },
      { type: "question_email", message: "Email?" },
      { type: "create_ticket", message: "Ticket created", extra: { helpdesk_team_id: teamId } },
    ]);
    const view = await bridgeWithSession(admin).openTest({ script_id: script.id });
    await visitor().reply({ token: view.token, client_msg_id: msgId(), text: "printer on fire", hold: true });
    await visitor().reply({ token: view.token, client_msg_id: msgId(), text: "really" });
    const done = await visitor().reply({ token: view.token, client_msg_id: msgId(), text: email });
    assert.deepEqual(bodies(done.messages), [email, "Ticket created"]);
    const tickets = await admin.searchRead<Record<string, unknown>>("helpdesk.ticket", [["team_id", "=", teamId]], ["name", "partner_id", "description", "team_id"]);
    assert.strictEqual(tickets.length, 1, "one ticket");
    const ticket = tickets[0]!;
    assert.strictEqual(ticket.name, formatText(ODOO_TEXTS.ticketName, script.title));
    const partnerId = idOf(ticket.partner_id) as number;
    assert.ok(partnerId, "a partner");
    const [partner] = await admin.read<{ email: string; name: string }>("res.partner", [partnerId], ["email", "name"]);
    assert.strictEqual(partner!.email, email);
    assert.ok(String(ticket.description).includes("printer on fire"), "the description has the conversation");
    // Odoo 18's ticket keeps the live chat session it came from.
    if ("channel_id" in (await admin.fieldsGet("helpdesk.ticket", ["channel_id"]))) {
      const [withChannel] = await admin.read<{ channel_id: [number, string] | false }>("helpdesk.ticket", [ticket.id as number], ["channel_id"]);
      assert.ok(withChannel!.channel_id, "the ticket names its live chat session");
    }
  });
});

QUnit.module("bridge: Odoo's records of a conversation", (hooks) => {
  hooks.before(async () => {
    admin = await loginAdmin();
  });

  QUnit.test("the channel, its messages and the chatbot.message links are visible over call_kw", async (assert) => {
    const script = await createScript(admin, [
      { type: "question_selection", message: "Pick", answers: ["Alpha", "Beta"] },
      { type: "question_email", message: "Email?" },
      { type: "free_input_single", message: "Anything else?" },
    ]);
    const view = await bridgeWithSession(admin).openTest({ script_id: script.id });
    await visitor().reply({ token: view.token, client_msg_id: msgId(), answer_id: view.step!.answers[1]!.id });
    const email = `records-${Date.now()}@example.com`;
    await visitor().reply({ token: view.token, client_msg_id: msgId(), text: email });

    const [posted] = await admin.searchRead<{ res_id: number; model: string }>("mail.message", [["body", "ilike", email]], ["res_id", "model"]);
    assert.strictEqual(posted?.model, "discuss.channel", "the visitor's message is a message of a discuss.channel");
    const channelId = posted!.res_id;
    const [channel] = await admin.read<Record<string, unknown>>("discuss.channel", [channelId], ["channel_type", "chatbot_current_step_id"]);
    assert.strictEqual(channel!.channel_type, "livechat");
    assert.strictEqual(idOf(channel!.chatbot_current_step_id), script.steps[2]!.id, "the current step is the one waiting");
    const links = await admin.searchRead<Record<string, unknown>>("chatbot.message", [["discuss_channel_id", "=", channelId]], ["script_step_id", "user_script_answer_id", "user_raw_answer", "mail_message_id"]);
    const answerLink = links.find((l) => idOf(l.user_script_answer_id) === script.steps[0]!.answers[1]!.id);
    assert.ok(answerLink, "the selected answer is recorded");
    const emailLink = links.find((l) => String(l.user_raw_answer || "").includes(email));
    assert.ok(emailLink, "the raw email answer is recorded");
    assert.strictEqual(idOf(emailLink!.script_step_id), script.steps[1]!.id, "on the email step");
    // Each link points at its own message. The chosen answer is kept on the question's message
    // (what Odoo's livechat client saves) or on the visitor's answer (what Odoo's own tests do);
    // never on a message posted after it.
    const bodyOf = async (link: Record<string, unknown>) => (await admin.read<{ body: string }>("mail.message", [Number(idOf(link.mail_message_id))], ["body"]))[0]?.body ?? "";
    const answerBody = await bodyOf(answerLink!);
    const emailBody = await bodyOf(emailLink!);
    assert.ok(answerBody.includes("Beta") || answerBody.includes("Pick"), `the answer's link is on "Pick" or "Beta": ${answerBody}`);
    assert.ok(emailBody.includes(email), `the email's link is on the visitor's email message: ${emailBody}`);
  });
});
