// The chatbot form beyond the main path: the login page, search, the image control, Odoo's
// first-step tip, the server dropping an "Only If" that a reorder made impossible, and Delete
// with its confirmation.
import { test, expect } from "@playwright/test";
import { BRIDGE_TEXTS, ODOO_TEXTS, formatText } from "../../src/protocol/odoo.ts";
import { baseUrl, expectAccessible, docShot, login, orm, stepRows } from "./support/admin.ts";

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

test("the login page is accessible and refuses a wrong password", async ({ page }) => {
  await page.goto(`${baseUrl()}/web`);
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  await expectAccessible(page, "login page");
  await docShot(page, "login");
  await page.getByLabel("Email").fill("admin");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Live Chat" })).toHaveCount(0);
});

test("search, image, first-step tip, Only If dropped by a reorder, delete with confirmation", async ({ page }) => {
  const api = await orm();
  const title = `Form Bot ${Date.now().toString(36)}`;
  const scriptId = await api.create("chatbot.script", {
    title,
    script_step_ids: [
      [0, 0, { sequence: 0, step_type: "text", message: "Hello!" }],
      [0, 0, { sequence: 1, step_type: "question_selection", message: "Sales or support?", answer_ids: [[0, 0, { name: "Sales" }], [0, 0, { name: "Support" }]] }],
    ],
  });
  const [sales] = await api.searchRead("chatbot.script.answer", [["name", "=", "Sales"], ["script_step_id.chatbot_script_id", "=", scriptId]], ["id"]);
  await api.create("chatbot.script.step", { chatbot_script_id: scriptId, sequence: 2, step_type: "text", message: "A salesperson will call you.", triggering_answer_ids: [[6, 0, [sales!.id]]] });

  await login(page, "admin");
  await page.getByLabel("Search").fill(title);
  await expect(page.locator(".o_chatbot_list .o_data_row")).toHaveCount(1);
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/web/chatbots/${scriptId}$`));

  // Only texts before the question: fine. Make the first step a forward: Odoo's tip shows.
  await expect(page.locator(".o_first_step_warning")).toHaveCount(0);
  await stepRows(page).nth(0).locator(".o_open_step").click();
  const dialog = page.getByRole("dialog", { name: "Open: Script Steps" });
  await dialog.getByRole("radio", { name: /^Forward to Operator/ }).check();
  await dialog.getByRole("button", { name: "Save & Close" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(".o_first_step_warning")).toHaveText(`${ODOO_TEXTS.firstStepTip}${ODOO_TEXTS.firstStepOperatorHint}`);

  // Image: upload shows a preview and is saved with the record; Remove clears it.
  await page.locator(".o_image_field input[type=file]").setInputFiles({ name: "bot.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByRole("img", { name: "Chatbot image" })).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  const withImage = await api.read("chatbot.script", [scriptId], ["image_1920"]);
  expect(withImage[0]!.image_1920).toBeTruthy();
  await page.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("img", { name: "Chatbot image" })).toHaveCount(0);
  await expect.poll(async () => (await api.read("chatbot.script", [scriptId], ["image_1920"]))[0]!.image_1920).toBeFalsy();

  // Moving the conditional step above its question: the server drops the condition (Odoo's rule).
  await expect(stepRows(page).nth(2).locator(".o_tag")).toHaveText(["Sales or support?: Sales"]);
  const handle = stepRows(page).nth(2).getByRole("button", { name: /^Move/ });
  await handle.focus();
  await handle.press("ArrowUp");
  await expect(stepRows(page).locator(".o_step_message")).toHaveText(["Hello!", "A salesperson will call you.", "Sales or support?"]);
  await expect(stepRows(page).nth(1).locator(".o_tag")).toHaveCount(0);
  const moved = await api.searchRead("chatbot.script.step", [["chatbot_script_id", "=", scriptId]], ["sequence", "triggering_answer_ids"], { order: "sequence, id" });
  expect(moved.map((s) => s.sequence)).toEqual([0, 1, 2]);
  expect(moved[1]!.triggering_answer_ids).toEqual([]);

  // Deleting a step asks first (steps are saved at once); the analysis follows at once.
  await stepRows(page).nth(0).getByRole("button", { name: "Delete Hello!" }).click();
  const bye = page.getByRole("dialog", { name: "Bye-bye, record!" });
  await expect(bye).toContainText("Are you sure you want to delete this record?");
  await bye.getByRole("button", { name: "Cancel" }).click();
  await expect(bye).toHaveCount(0);
  await expect(stepRows(page)).toHaveCount(3);
  await stepRows(page).nth(0).getByRole("button", { name: "Delete Hello!" }).click();
  await bye.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(stepRows(page).locator(".o_step_message")).toHaveText(["A salesperson will call you.", "Sales or support?"]);
  await expect.poll(async () => (await api.searchRead("chatbot.script.step", [["chatbot_script_id", "=", scriptId]], ["message"])).length).toBe(2);

  // Delete asks first; Cancel keeps the record, Delete removes it.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const confirm = page.getByRole("dialog", { name: "Bye-bye, record!" });
  await expect(confirm).toContainText("Are you sure you want to delete this record?");
  await expectAccessible(page, "delete confirmation");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByLabel("Chatbot Name")).toHaveValue(title);
  await page.getByRole("main").getByRole("button", { name: "Delete", exact: true }).click();
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/web\/chatbots$/);
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  expect(await api.search("chatbot.script", [["id", "=", scriptId]], { context: { active_test: false } })).toEqual([]);
});

test("the channels list is accessible", async ({ page }) => {
  await login(page, "admin");
  await page.getByRole("link", { name: "Channels" }).click();
  await expect(page.getByRole("link", { name: "YourWebsite.com" })).toBeVisible();
  await expectAccessible(page, "channels list");
});

test("a new channel is created by one Save, without an unsaved-changes warning", async ({ page }) => {
  const name = `Support Site ${Date.now().toString(36)}`;
  await login(page, "admin");
  await page.getByRole("link", { name: "Channels" }).click();
  await page.getByRole("button", { name: "New" }).click();
  await expect(page).toHaveURL(/\/web\/channels\/new$/);
  await page.getByLabel("Channel Name").fill(name);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/web\/channels\/\d+$/);
  const channelId = Number(page.url().split("/").pop());
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  const api = await orm();
  expect(await api.search("im_livechat.channel", [["name", "=", name]])).toEqual([channelId]);
  await page.getByRole("tab", { name: "Widget" }).click();
  await expect(page.locator(".o_embed_snippet")).toContainText(`data-channel-id="${channelId}"`);
  await expectAccessible(page, "new channel's Widget tab");

  // A renamed channel is not lost by closing the page without the browser asking.
  await page.getByLabel("Channel Name").fill(`${name} (renamed)`);
  const asked = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.accept();
});

test("the Test screen takes a multi-line answer line by line and a checked phone number", async ({ page }) => {
  const api = await orm();
  const scriptId = await api.create("chatbot.script", {
    title: `Input Bot ${Date.now().toString(36)}`,
    script_step_ids: [
      [0, 0, { sequence: 0, step_type: "free_input_multi", message: "Tell us more." }],
      [0, 0, { sequence: 1, step_type: "question_phone", message: "Your phone?" }],
      [0, 0, { sequence: 2, step_type: "text", message: "Thanks!" }],
    ],
  });
  await login(page, "admin");
  // Turn the phone check on in the step dialog.
  await page.goto(`${baseUrl()}/web/chatbots/${scriptId}`);
  await stepRows(page).nth(1).locator(".o_open_step").click();
  const dialog = page.getByRole("dialog", { name: "Open: Script Steps" });
  await dialog.getByLabel("Check Phone Number").check();
  await dialog.getByLabel("Default Phone Country").fill("be");
  await dialog.getByRole("button", { name: "Save & Close" }).click();
  await expect(dialog).toBeHidden();
  const [phoneStep] = await api.searchRead("chatbot.script.step", [["chatbot_script_id", "=", scriptId], ["step_type", "=", "question_phone"]], ["phone_check", "phone_default_country"]);
  expect(phoneStep).toMatchObject({ phone_check: true, phone_default_country: "BE" });

  await page.getByRole("button", { name: "Test" }).click();
  const messages = page.locator(".o_test_messages .o_message_body");
  await expect(messages).toHaveText(["Tell us more."]);
  const input = page.getByLabel("Message", { exact: true });
  for (const line of ["First line", "Second line"]) {
    await input.fill(line);
    await input.press("Enter");
    await expect(messages.last()).toHaveText(line);
  }
  await expect(page.getByRole("button", { name: "Done" })).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(messages.last()).toHaveText("Your phone?");
  await expect(input).toHaveAttribute("inputmode", "tel");
  await input.fill("12345");
  await input.press("Enter");
  await expect(messages.last()).toHaveText(formatText(BRIDGE_TEXTS.invalidPhoneRetry, "12345"));
  await input.fill("0470 12 34 56");
  await input.press("Enter");
  await expect(messages.last()).toHaveText("Thanks!");
  await expect(page.getByText(ODOO_TEXTS.conversationEnded)).toBeVisible();
  await expect(page.locator(".o_coverage_summary")).toHaveText(/^1 of \d+ paths tested$/);
});

test("the app speaks Romanian from the catalog built into the bundle", async ({ page }) => {
  await login(page, "admin");
  await page.goto(`${baseUrl()}/web/chatbots?lang=ro_RO`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ro");
  const menu = page.getByRole("navigation", { name: "Chat live" });
  await expect(menu.getByRole("link", { name: "Canale" })).toBeVisible();
  await expect(menu.getByRole("button", { name: "Configurare" })).toBeVisible();
  await expect(page.getByRole("columnheader")).toHaveText(["Titlu", "Pași de script", "Canale"]);
  await page.getByRole("link", { name: "Welcome Bot" }).click();
  await expect(page.getByText("Nume chatbot")).toBeVisible();
  await expect(page.getByRole("button", { name: "Testează" })).toBeVisible();
  await page.getByRole("button", { name: "Adaugă o linie" }).click();
  await expect(page.getByRole("dialog", { name: "Creează pași de script" })).toBeVisible();
  await expectAccessible(page, "step dialog in Romanian");
});

test("keyboard only: the step dialog opens, keeps focus inside, closes with Escape and gives focus back", async ({ page }) => {
  const api = await orm();
  const scriptId = await api.create("chatbot.script", {
    title: `Keyboard Bot ${Date.now().toString(36)}`,
    script_step_ids: [
      [0, 0, { sequence: 0, step_type: "text", message: "Welcome!" }],
      [0, 0, { sequence: 1, step_type: "question_email", message: "Your email?" }],
    ],
  });
  await login(page, "admin");
  await page.goto(`${baseUrl()}/web/chatbots/${scriptId}`);
  const addLine = page.getByRole("button", { name: "Add a line" });
  await addLine.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Create Script Steps" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Message", { exact: true })).toBeFocused();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest(".o_dialog")), `focus stays in the dialog after ${i + 1} Tab`).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(addLine).toBeFocused();
  // Reorder with the handle's arrow keys, then back.
  const handle = page.locator(".o_script_steps .o_data_row").nth(1).getByRole("button", { name: /^Move/ });
  const firstMessage = page.locator(".o_script_steps .o_data_row .o_step_message").first();
  await expect(firstMessage).toHaveText("Welcome!");
  await handle.focus();
  await page.keyboard.press("ArrowUp");
  await expect(firstMessage).toHaveText("Your email?");
  await expect(page.locator(".o_script_steps .o_data_row").nth(0).getByRole("button", { name: /^Move/ })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(firstMessage).toHaveText("Welcome!");
});

test("an expired session says so and brings the login form back", async ({ page }) => {
  await login(page, "admin");
  await page.evaluate(() =>
    fetch("/web/session/destroy", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: {}, id: 1 }) }),
  );
  await page.getByRole("link", { name: "Welcome Bot" }).click();
  await expect(page.locator(".o_notification_danger .o_notification_title")).toHaveText("Odoo Session Expired");
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  await page.getByLabel("Email").fill("admin");
  await page.getByLabel("Password").fill("admin");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByLabel("Chatbot Name")).toHaveValue("Welcome Bot");
});
