// A new admin builds a chatbot from scratch in the standalone app: log in, create a script with
// a question, an email step and a conditional step, reorder it, watch the analysis flag a dead
// end and clear it, test it to the end, restart, go back to edit mode, attach it to a channel
// rule, duplicate and archive it. Every main screen passes axe-core and is photographed.
import { test, expect, type Page } from "@playwright/test";
import { formatText, ODOO_TEXTS } from "../../src/protocol/odoo.ts";
import { baseUrl, docShot, expectAccessible, login, orm, stepRows, typeAndSubmit, visitorBridge } from "./support/admin.ts";

test.describe.configure({ mode: "serial" });

const TITLE = `Quote Bot ${Date.now().toString(36)}`;

async function addStep(page: Page, options: { message: string; type: RegExp; answers?: string[]; onlyIf?: string[]; then: "Save & New" | "Save & Close" }) {
  const dialog = page.getByRole("dialog", { name: "Create Script Steps" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Message", { exact: true }).fill(options.message);
  await dialog.getByRole("radio", { name: options.type }).check();
  for (const [index, answer] of (options.answers ?? []).entries()) {
    if (index > 0) await dialog.getByRole("button", { name: "Add a line" }).click();
    await dialog.getByLabel(`Answer ${index + 1}`, { exact: true }).fill(answer);
  }
  for (const answer of options.onlyIf ?? []) {
    await dialog.getByLabel("Only If").fill(answer);
    await dialog.getByRole("option", { name: new RegExp(`: ${answer}$`) }).click();
  }
  await dialog.getByRole("button", { name: options.then }).click();
  // Wait for the save: Save & New empties the form, Save & Close closes it.
  if (options.then === "Save & New") await expect(dialog.getByLabel("Message", { exact: true })).toHaveValue("");
  else await expect(dialog).toBeHidden();
}

test("an admin creates, reorders, analyses, tests, publishes, duplicates and archives a chatbot", async ({ page }) => {
  await login(page, "admin");
  // The Chatbots list of a fresh install shows the Welcome Bot.
  await expect(page).toHaveURL(/\/web\/chatbots$/);
  await expect(page.getByRole("link", { name: "Welcome Bot" })).toBeVisible();
  await expectAccessible(page, "Chatbots list");
  await docShot(page, "chatbots");

  // New chatbot: "Add a line" saves the chatbot first, then opens "Create Script Steps".
  await page.getByRole("button", { name: "New" }).click();
  await expect(page).toHaveURL(/\/web\/chatbots\/new$/);
  await page.getByLabel("Chatbot Name").fill(TITLE);
  await page.getByRole("button", { name: "Add a line" }).click();
  await expect(page).toHaveURL(/\/web\/chatbots\/\d+$/);
  const scriptId = Number(page.url().split("/").pop());

  await addStep(page, { message: "Hi! What brings you here?", type: /^Question/, answers: ["Pricing", "Just browsing"], then: "Save & New" });
  await addStep(page, { message: "Your email, please?", type: /^Email/, then: "Save & New" });
  const dialog = page.getByRole("dialog", { name: "Create Script Steps" });
  await dialog.getByLabel("Message", { exact: true }).fill("Great, someone will write to you.");
  await dialog.getByLabel("Only If").fill("Pricing");
  await expect(dialog.getByRole("option")).toHaveText(["Hi! What brings you here?: Pricing"]);
  await expectAccessible(page, "step dialog");
  await docShot(page, "step-dialog");
  await dialog.getByRole("option", { name: /: Pricing$/ }).click();
  await dialog.getByRole("button", { name: "Save & Close" }).click();
  await expect(dialog).toBeHidden();
  await expect(stepRows(page).locator(".o_step_message")).toHaveText(["Hi! What brings you here?", "Your email, please?", "Great, someone will write to you."]);
  await expect(stepRows(page).nth(2).locator(".o_tag")).toHaveText(["Hi! What brings you here?: Pricing"]);
  await expect(page.locator(".o_analysis_ok")).toHaveText("No problem found.");

  // Drag the email step to the top: now "Just browsing" leads nowhere.
  await stepRows(page).nth(1).dragTo(stepRows(page).nth(0));
  await expect(stepRows(page).locator(".o_step_message")).toHaveText(["Your email, please?", "Hi! What brings you here?", "Great, someone will write to you."]);
  const api = await orm();
  await expect
    .poll(async () => (await api.searchRead("chatbot.script.step", [["chatbot_script_id", "=", scriptId]], ["sequence", "message"], { order: "sequence, id" })).map((s) => [s.sequence, s.message]))
    .toEqual([
      [0, "Your email, please?"],
      [1, "Hi! What brings you here?"],
      [2, "Great, someone will write to you."],
    ]);
  const deadEnd = page.locator(".o_finding_dead_end");
  await expect(deadEnd).toHaveCount(1);
  await expect(deadEnd).toContainText("Dead end");
  await expect(deadEnd).toContainText("Just browsing");
  await expectAccessible(page, "chatbot form with findings");
  await docShot(page, "chatbot-form");

  // The finding leads to its step.
  await deadEnd.getByRole("button").click();
  const open = page.getByRole("dialog", { name: "Open: Script Steps" });
  await expect(open.getByLabel("Message", { exact: true })).toHaveValue("Hi! What brings you here?");
  await open.getByRole("button", { name: "Discard" }).click();
  await expect(open).toBeHidden();

  // A step for the other answer clears it, without reloading anything.
  await page.getByRole("button", { name: "Add a line" }).click();
  await addStep(page, { message: "Enjoy your visit!", type: /^Text/, onlyIf: ["Just browsing"], then: "Save & Close" });
  await expect(page.locator(".o_finding_dead_end")).toHaveCount(0);
  await expect(page.locator(".o_analysis_ok")).toHaveText("No problem found.");

  // The flow view draws the script; a node opens its step.
  await page.getByRole("tab", { name: "Flow" }).click();
  await expect(page.locator(".o_flow_step")).toHaveCount(4);
  await expect(page.locator(".o_flow_end")).toHaveCount(1);
  await expect(page.locator(".o_flow_edge_label")).toContainText(["Pricing", "Just browsing"]);
  await expectAccessible(page, "flow view");
  await docShot(page, "flow");
  await page.locator('.o_flow_node[data-step-id]').first().click();
  await expect(page.getByRole("dialog", { name: "Open: Script Steps" })).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Discard" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();

  // Test it to the end, as a visitor would.
  await page.getByRole("button", { name: "Test" }).click();
  await expect(page).toHaveURL(new RegExp(`/web/chatbots/${scriptId}/test$`));
  await expect(page.locator(".o_test_banner")).toContainText(`You are currently testing ${TITLE}`);
  const messages = page.locator(".o_test_messages .o_message_body");
  await expect(messages).toHaveText(["Your email, please?"]);
  await expect(page.locator(".o_coverage_summary")).toHaveText("0 of 4 paths tested");
  const input = page.getByLabel("Message", { exact: true });
  // Sent before the typed text was even drawn: the input still empties.
  await typeAndSubmit(input, "not-an-email");
  await expect(messages.last()).toHaveText(formatText(ODOO_TEXTS.invalidEmailRetry, "not-an-email"));
  await expect(input, "the sent text does not stay in the input").toHaveValue("");
  await input.fill("ada@example.com");
  await input.press("Enter");
  await expect(page.getByRole("button", { name: "Pricing" })).toBeVisible();
  await page.getByRole("button", { name: "Pricing" }).click();
  await expect(messages.last()).toHaveText("Great, someone will write to you.");
  await expect(page.getByText(ODOO_TEXTS.conversationEnded)).toBeVisible();
  await expect(page.locator(".o_coverage_summary")).toHaveText("1 of 4 paths tested");
  // The refused email and the accepted one read as one part of the path.
  await expect(page.locator('.o_path[data-covered="true"] .o_path_text')).toHaveText("invalid email, then a valid one → “Pricing” → end");
  await expectAccessible(page, "test screen");
  await docShot(page, "test");

  // Restart, then go back to edit mode.
  await page.getByRole("button", { name: ODOO_TEXTS.restartConversation }).click();
  await expect(page.locator(".o_message_system")).toContainText(ODOO_TEXTS.restarting);
  await expect(messages.last()).toHaveText("Your email, please?");
  await page.getByRole("link", { name: "Back to edit mode" }).click();
  await expect(page).toHaveURL(new RegExp(`/web/chatbots/${scriptId}$`));
  await expect(stepRows(page)).toHaveCount(4);

  // Bookmarkable URLs and the back button. Testing again keeps the coverage of this version
  // of the script, and so does a reload.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/web/chatbots/${scriptId}/test$`));
  await expect(messages).toHaveText(["Your email, please?"]);
  await expect(page.locator(".o_coverage_summary")).toHaveText("1 of 4 paths tested");
  await page.reload();
  await expect(messages).toHaveText(["Your email, please?"]);
  await expect(page.locator(".o_coverage_summary")).toHaveText("1 of 4 paths tested");
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/web/chatbots/${scriptId}$`));
  await page.reload();
  await expect(page.getByLabel("Chatbot Name")).toHaveValue(TITLE);

  // Attach it to a channel rule.
  await page.getByRole("link", { name: "Channels" }).click();
  await page.getByRole("link", { name: "YourWebsite.com" }).click();
  await expect(page.getByRole("tab", { name: "Channel Rules" })).toHaveAttribute("aria-selected", "true");
  const channelId = Number(page.url().split("/").pop());
  await page.getByRole("button", { name: "Add a line" }).click();
  const rule = page.getByRole("dialog", { name: "Create Rules" });
  await rule.getByLabel("URL Regex").fill("/pricing");
  await rule.getByRole("radio", { name: "Show with notification" }).check();
  await rule.getByLabel("Chatbot", { exact: true }).selectOption({ label: TITLE });
  await expectAccessible(page, "Create Rules dialog");
  await rule.getByRole("button", { name: "Save & Close" }).click();
  const ruleRow = page.locator(".o_rules tr.o_data_row", { hasText: "/pricing" });
  await expect(ruleRow).toContainText("Show with notification");
  await expect(ruleRow).toContainText(TITLE);
  await expectAccessible(page, "channel form");
  await docShot(page, "channel-rules");
  const init = await visitorBridge().init({ channel_id: channelId, url: `${baseUrl()}/pricing` });
  expect(init.chatbot?.title).toBe(TITLE);
  expect(init.rule?.action).toBe("display_button_and_text");
  await page.getByRole("tab", { name: "Widget" }).click();
  await expect(page.locator(".o_embed_snippet")).toHaveText(
    `<script src="${baseUrl()}/livechat_chatbot_bridge/static/dist/loader.js" data-channel-id="${channelId}" async></script>`,
  );
  await expectAccessible(page, "channel Widget tab");

  // Duplicate, then archive the copy.
  await page.getByRole("button", { name: "Configuration" }).click();
  await page.getByRole("link", { name: "Chatbots" }).click();
  const row = page.locator(".o_data_row", { hasText: TITLE });
  await expect(row.locator("td").nth(1)).toHaveText("4");
  await expect(row.locator("td").nth(2)).toHaveText("1");
  await row.getByRole("link").click();
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByRole("heading", { name: `${TITLE} (copy)` })).toBeVisible();
  const copyId = Number(page.url().split("/").pop());
  expect(copyId).not.toBe(scriptId);
  await expect(stepRows(page)).toHaveCount(4);
  await expect(stepRows(page).nth(2).locator(".o_tag")).toHaveText(["Hi! What brings you here?: Pricing"]);
  // Archive asks first, as Odoo does; Unarchive does not.
  const archive = async () => {
    await page.getByRole("button", { name: "Archive" }).click();
    const confirm = page.getByRole("dialog", { name: "Confirmation" });
    await expect(confirm).toContainText("Are you sure that you want to archive this record?");
    return confirm;
  };
  const confirm = await archive();
  await expectAccessible(page, "archive confirmation");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.locator(".o_ribbon")).toHaveCount(0);
  await (await archive()).getByRole("button", { name: "Archive" }).click();
  await expect(page.locator(".o_ribbon")).toHaveText("Archived");
  await expect(page.getByRole("button", { name: "Test" })).toHaveCount(0);
  await page.getByRole("button", { name: "Unarchive" }).click();
  await expect(page.locator(".o_ribbon")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Test" })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect((await api.read("chatbot.script", [copyId], ["active"], { context: { active_test: false } }))[0]!.active).toBe(true);
  await (await archive()).getByRole("button", { name: "Archive" }).click();
  await expect(page.locator(".o_ribbon")).toHaveText("Archived");
  await page.getByRole("link", { name: "Chatbots" }).first().click();
  await expect(page.locator(".o_data_row", { hasText: `${TITLE} (copy)` })).toHaveCount(0);
  await page.getByLabel("Archived").check();
  await expect(page.locator(".o_data_row", { hasText: `${TITLE} (copy)` })).toHaveCount(1);
  const [copy] = await api.read("chatbot.script", [copyId], ["active"], { context: { active_test: false } });
  expect(copy!.active).toBe(false);
});

test("unsaved changes are not lost without a warning; server errors show their message", async ({ page }) => {
  await login(page, "admin");
  await page.getByRole("link", { name: "Welcome Bot" }).click();
  const name = page.getByLabel("Chatbot Name");
  await name.fill("Welcome Bot, renamed");
  await page.getByRole("link", { name: "Chatbots" }).first().click();
  const warning = page.getByRole("dialog", { name: "Warning" });
  await expect(warning).toContainText("The record has been modified, your changes will be discarded. Do you want to proceed?");
  await expectAccessible(page, "unsaved-changes warning");
  await warning.getByRole("button", { name: "Cancel" }).click();
  await expect(warning).toHaveCount(0);
  await expect(name).toHaveValue("Welcome Bot, renamed");
  await expect(page).toHaveURL(/\/web\/chatbots\/\d+$/);
  await page.getByRole("button", { name: "Discard" }).click();
  await expect(name).toHaveValue("Welcome Bot");

  // A question without answers is refused by the server (Odoo 18.0): its message shows.
  const api = await orm();
  const [welcome] = await api.searchRead("chatbot.script", [["title", "=", "Welcome Bot"]], ["id"]);
  const question = (await api.searchRead("chatbot.script.step", [["chatbot_script_id", "=", welcome!.id as number], ["step_type", "=", "question_selection"]], ["id"]))[0]!;
  await page.locator(`.o_script_steps [data-step-id="${question.id}"] .o_open_step`).click();
  const dialog = page.getByRole("dialog", { name: "Open: Script Steps" });
  await dialog.getByRole("radio", { name: /^Email/ }).check();
  await dialog.getByRole("radio", { name: /^Question/ }).check();
  const removeButtons = dialog.getByRole("button", { name: /^Remove answer/ });
  await expect(removeButtons).toHaveCount(3);
  for (let left = 2; left >= 0; left--) {
    await removeButtons.first().click();
    await expect(removeButtons).toHaveCount(left);
  }
  await dialog.getByRole("button", { name: "Save & Close" }).click();
  await expect(dialog.getByRole("alert")).toContainText(ODOO_TEXTS.questionWithoutAnswers);
  await dialog.getByRole("button", { name: "Discard" }).click();
  await expect(dialog).toBeHidden();

  // Someone else deletes the step while it is open here: saving shows the server's message
  // and keeps the dialog open.
  const scriptId = await api.create("chatbot.script", { title: `Shared Bot ${Date.now()}` });
  const stepId = await api.create("chatbot.script.step", { chatbot_script_id: scriptId, step_type: "text", message: "Hello there" });
  await page.goto(`${baseUrl()}/web/chatbots/${scriptId}`);
  await page.locator(`.o_script_steps [data-step-id="${stepId}"] .o_open_step`).click();
  const edit = page.getByRole("dialog", { name: "Open: Script Steps" });
  await edit.getByLabel("Message", { exact: true }).fill("Hello again");
  await api.unlink("chatbot.script.step", [stepId]);
  await edit.getByRole("button", { name: "Save & Close" }).click();
  const notification = page.locator(".o_notification_danger");
  await expect(notification).toBeVisible();
  await expect(notification.locator(".o_notification_content")).not.toHaveText("");
  await expect(edit).toBeVisible();
  await expectAccessible(page, "error notification");
});

test("the Test screen can simulate an available operator, so both branches of a forward get tested", async ({ page }) => {
  await login(page, "admin");
  await page.getByRole("link", { name: "Welcome Bot" }).click();
  await page.getByRole("button", { name: "Test" }).click();
  const messages = page.locator(".o_test_messages .o_message_body");
  await expect(messages).toHaveText(["Welcome to CompanyName! 👋", "What are you looking for?"]);
  await expect(page.locator(".o_coverage_summary")).toHaveText("0 of 5 paths tested");

  // Without an operator: the forward finds nobody and the bot asks for an email.
  await page.getByRole("button", { name: "I have a pricing question" }).click();
  await expect(messages.last()).toHaveText("Would you mind leaving your email address so that we can reach you back?");
  await page.getByLabel("Message", { exact: true }).fill("grace@example.com");
  await page.getByLabel("Message", { exact: true }).press("Enter");
  await expect(page.getByText(ODOO_TEXTS.conversationEnded)).toBeVisible();
  await expect(page.locator(".o_coverage_summary")).toHaveText("1 of 5 paths tested");

  // With the switch on, a new test conversation hands over to the test operator.
  await page.getByRole("switch", { name: "Simulate an available operator" }).check();
  await expect(messages).toHaveText(["Welcome to CompanyName! 👋", "What are you looking for?"]);
  await page.getByRole("button", { name: "I have a pricing question" }).click();
  await expect(page.locator(".o_message_system")).toContainText(formatText(ODOO_TEXTS.operatorJoined, "Test Operator"));
  await expect(page.locator(".o_test_chat_name")).toHaveText("Test Operator");
  await expect(page.getByLabel("Message", { exact: true })).toBeEnabled();
  await expectAccessible(page, "Test screen with the test operator");
  // The tester talks with the operator; the input empties once the text is sent.
  await typeAndSubmit(page.getByLabel("Message", { exact: true }), "Hello operator");
  await expect(messages.last()).toHaveText("Hello operator");
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("");
  await expect(page.locator(".o_coverage_summary")).toHaveText("2 of 5 paths tested");
  await expect(page.locator('.o_path[data-covered="true"]')).toHaveCount(2);
  await expect(page.locator('.o_path[data-covered="true"]').filter({ hasText: "an operator joins" })).toHaveCount(1);
});

test("dialogs belong to their page: Back closes them, and asks first when a draft is unsaved", async ({ page }) => {
  await login(page, "admin");
  await page.getByRole("link", { name: "Welcome Bot" }).click();
  const formUrl = page.url();
  const rows = await stepRows(page).count();

  // Nothing typed: Back leaves the page and the dialog goes with it.
  await page.getByRole("button", { name: "Add a line" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Script Steps" });
  await expect(dialog).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/web\/chatbots$/);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Welcome Bot" })).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(formUrl);

  // A half-written step: Back asks Odoo's question; Cancel keeps the page and the draft.
  await page.getByRole("button", { name: "Add a line" }).click();
  await dialog.getByLabel("Message", { exact: true }).fill("Half-written step");
  await page.goBack();
  const warning = page.getByRole("dialog", { name: "Warning" });
  await expect(warning).toContainText("The record has been modified, your changes will be discarded. Do you want to proceed?");
  await warning.getByRole("button", { name: "Cancel" }).click();
  await expect(warning).toHaveCount(0);
  await expect(page).toHaveURL(formUrl);
  await expect(dialog.getByLabel("Message", { exact: true })).toHaveValue("Half-written step");
  // Ok leaves: the page changes and no dialog is left over it; nothing was saved.
  await page.goBack();
  await warning.getByRole("button", { name: "Ok" }).click();
  await expect(page).toHaveURL(/\/web\/chatbots$/);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.getByRole("link", { name: "Welcome Bot" }).click();
  await expect(stepRows(page)).toHaveCount(rows);

  // "Create Rules" too.
  await page.getByRole("link", { name: "Channels" }).click();
  await page.getByRole("link", { name: "YourWebsite.com" }).click();
  await page.getByRole("button", { name: "Add a line" }).click();
  const rule = page.getByRole("dialog", { name: "Create Rules" });
  await rule.getByLabel("URL Regex").fill("/half-written");
  await page.goBack();
  await expect(warning).toBeVisible();
  await warning.getByRole("button", { name: "Ok" }).click();
  await expect(page).toHaveURL(/\/web\/channels$/);
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
