// The operator Inbox of the standalone app: an operator goes online, a visitor's conversation
// is forwarded by the Welcome Bot, the operator reads the whole bot transcript, replies live and
// closes it; leads created by bots are listed for the admin.
import { test, expect } from "@playwright/test";
import { ODOO_TEXTS, formatText } from "../../src/protocol/odoo.ts";
import { BRIDGE_ROUTES } from "../../src/protocol/bridge.ts";
import { baseUrl, docShot, expectAccessible, login, orm, typeAndSubmit, visitorBridge } from "./support/admin.ts";
import { BridgeClient } from "../../src/rpc/index.ts";

const msgId = () => `m-${Date.now()}-${Math.random().toString(36).slice(2)}`;

test("an operator receives a forwarded conversation in the Inbox and replies", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await login(page, "operator");
    await page.getByRole("link", { name: "Inbox" }).click();
    await expect(page).toHaveURL(/\/web\/inbox$/);
    const presence = page.getByRole("switch");
    await presence.check();
    await expect(page.locator(".o_presence")).toContainText("Online");

    // A visitor talks to the Welcome Bot on /contactus and asks for pricing: it forwards.
    const visitor = visitorBridge();
    const name = `Ada ${Date.now().toString(36)}`;
    const init = await visitor.init({ channel_id: 1, url: `${baseUrl()}/contactus` });
    expect(init.chatbot?.title).toBe("Welcome Bot");
    const opened = await visitor.open({ channel_id: 1, url: `${baseUrl()}/contactus`, script_id: init.chatbot!.script_id, visitor_name: name });
    const pricing = opened.step!.answers.find((a) => a.name === "I have a pricing question")!;
    const forwarded = await visitor.reply({ token: opened.token, client_msg_id: msgId(), answer_id: pricing.id });
    expect(forwarded.state).toBe("operator");
    expect(forwarded.operator?.name).toBe("Marc Demo");

    // The operator sees it, with the whole bot transcript.
    const entry = page.locator(".o_inbox_entry", { hasText: name });
    await expect(entry).toBeVisible();
    await entry.click();
    const thread = page.locator(".o_inbox_messages .o_message_body");
    await expect(thread).toContainText(["What are you looking for?", "I have a pricing question", formatText(ODOO_TEXTS.operatorJoined, "Marc Demo")]);

    // The visitor writes; the reply shows without reloading. The operator answers.
    await visitor.reply({ token: opened.token, client_msg_id: msgId(), text: "How much is the Pro plan?" });
    await expect(thread.last()).toHaveText("How much is the Pro plan?");
    await page.getByLabel("Reply").fill("Hello! Marc here, the Pro plan is 20 € a month.");
    await page.getByLabel("Reply").press("Enter");
    await expect(thread.last()).toHaveText("Hello! Marc here, the Pro plan is 20 € a month.");
    await expect(page.getByLabel("Reply")).toHaveValue("");
    // Sent before the typed text was even drawn: the input still empties.
    await typeAndSubmit(page.getByLabel("Reply"), "Anything else I can help with?");
    await expect(thread.last()).toHaveText("Anything else I can help with?");
    await expect(page.getByLabel("Reply"), "the sent text does not stay in the input").toHaveValue("");
    const seen = await visitor.history(opened.token);
    expect(seen.messages.slice(-2).map((m) => [m.author, m.body])).toEqual([
      ["operator", "Hello! Marc here, the Pro plan is 20 € a month."],
      ["operator", "Anything else I can help with?"],
    ]);
    await expectAccessible(page, "Inbox");
    await docShot(page, "inbox");

    // Closing ends the conversation for the visitor too.
    await page.getByRole("button", { name: "Close", exact: true }).click();
    await expect(page.getByText("This conversation is closed.")).toBeVisible();
    expect((await visitor.history(opened.token)).closed).toBe(true);
    await presence.uncheck();
    await expect(page.locator(".o_presence")).toContainText("Offline");
  } finally {
    await context.close();
    // Whatever happened above, leave no operator online for the other tests.
    const operator = await orm("operator");
    await operator.transport.call(BRIDGE_ROUTES.operatorPresence, { online: false });
  }
});

test("leads created by a bot are listed in the admin's Inbox, with a link to their chatbot; other leads are not", async ({ page }) => {
  const api = await orm();
  const title = `Lead Bot ${Date.now().toString(36)}`;
  const [team] = await api.searchRead("crm.team", [], ["id"], { limit: 1 });
  const scriptId = await api.create("chatbot.script", { title });
  for (const step of [
    { step_type: "question_email", message: "Your email?" },
    { step_type: "create_lead", message: "Thanks, we will be in touch.", crm_team_id: team?.id ?? false },
  ])
    await api.create("chatbot.script.step", { ...step, chatbot_script_id: scriptId });
  // A test conversation (the Test screen's route) runs the script to the lead.
  const tester = new BridgeClient(api.transport);
  const view = await tester.openTest({ script_id: scriptId });
  await tester.reply({ token: view.token, client_msg_id: msgId(), text: "grace@example.com" });
  // Leads from elsewhere (another UTM source, or none) are not the bots'.
  const formSource = await api.create("utm.source", { name: `Website form ${Date.now().toString(36)}` });
  const otherLead = `Contact form lead ${Date.now().toString(36)}`;
  await api.create("crm.lead", { name: otherLead, source_id: formSource, email_from: "form@example.com" });
  await api.create("crm.lead", { name: `${otherLead} (no source)`, email_from: "none@example.com" });

  await login(page, "admin");
  await page.getByRole("link", { name: "Inbox" }).click();
  const record = page.locator(".o_created_record", { hasText: `${title}'s New Lead` });
  await expect(record).toBeVisible();
  await expect(page.locator(".o_created_record", { hasText: otherLead })).toHaveCount(0);
  await record.locator("summary").click();
  await expect(record).toContainText("grace@example.com");
  await expectAccessible(page, "Inbox with a lead listed");
  // The link leads to the chatbot that created it.
  const link = record.getByRole("link", { name: title });
  await expect(link).toHaveAttribute("href", `/web/chatbots/${scriptId}`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/web/chatbots/${scriptId}$`));
  await expect(page.getByLabel("Chatbot Name")).toHaveValue(title);
});

test("the presence switch says what the server knows, after a reload too", async ({ browser }) => {
  const admin = await orm();
  const [operatorUser] = await admin.searchRead("res.users", [["login", "=", "operator"]], ["id"]);
  const serverSaysOnline = async () => {
    const [row] = await admin.searchRead("chatbot_bridge.presence", [["user_id", "=", operatorUser!.id as number]], ["online"]);
    return row?.online === true;
  };
  const operator = await orm("operator");
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    // Online from elsewhere (a closed tab's last heartbeat): a new Inbox does not pretend.
    await operator.transport.call(BRIDGE_ROUTES.operatorPresence, { online: true });
    expect(await serverSaysOnline()).toBe(true);
    await login(page, "operator");
    await page.getByRole("link", { name: "Inbox" }).click();
    const presence = page.getByRole("switch");
    await expect(page.locator(".o_presence")).toContainText("Offline");
    await expect(presence).not.toBeChecked();
    await expect.poll(serverSaysOnline).toBe(false);

    // Online, then a reload: still online, on screen and on the server.
    await presence.check();
    await expect(page.locator(".o_presence")).toContainText("Online");
    await expect.poll(serverSaysOnline).toBe(true);
    await page.reload();
    await expect(page.locator(".o_presence")).toContainText("Online");
    await expect(presence).toBeChecked();
    expect(await serverSaysOnline()).toBe(true);

    // Leaving the Inbox in the app goes offline, and coming back shows it.
    await page.getByRole("link", { name: "Channels" }).click();
    await expect.poll(serverSaysOnline).toBe(false);
    await page.getByRole("link", { name: "Inbox" }).click();
    await expect(page.locator(".o_presence")).toContainText("Offline");
  } finally {
    await context.close();
    await operator.transport.call(BRIDGE_ROUTES.operatorPresence, { online: false });
  }
});
