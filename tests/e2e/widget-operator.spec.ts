// Live chat with an operator in a second browser context, without a bot: on "/" (no rule)
// the bubble shows only while an operator is online; messages go both ways live; when the
// operator closes, the visitor sees it and can start a new conversation.
import { expect, test } from "@playwright/test";
import { ODOO_TEXTS } from "../../src/protocol/odoo.ts";
import { Operator, baseUrl, fastWidget, history, storedToken, storedTokenOrNull, widget } from "./support/widget.ts";
import { BRIDGE_ROUTES } from "../../src/protocol/bridge.ts";

test("operator online on a page without a rule: live chat both ways, then closed by the operator", async ({ page, browser }) => {
  await fastWidget(page);
  const w = widget(page);
  // Nobody online, no rule: no livechat on this page, as Odoo.
  const init = page.waitForResponse((r) => r.url().endsWith(BRIDGE_ROUTES.init));
  await page.goto(`${baseUrl()}/`);
  await init;
  await page.waitForTimeout(300);
  await expect(w.root).toHaveCount(0);

  const operator = await Operator.online(browser, baseUrl());
  try {
    await page.reload();
    await expect(w.bubble).toBeVisible();
    await w.bubble.click();
    await expect(w.input).toBeEnabled();
    await expect(w.input).toHaveAttribute("placeholder", "Say something");
    const hello = `Hello from the home page ${Date.now()}`;
    await w.input.fill(hello);
    await w.input.press("Enter");
    await expect(page.locator('.chatbot-bridge-root .message[data-author="system"]').first()).toHaveText(/has joined$/);
    await expect(w.visitorLines).toHaveText([hello]);
    const conversation = await operator.conversationWith(hello);
    await operator.post(conversation, "Hello! What can I do for you?");
    await expect(page.locator('.chatbot-bridge-root .message[data-author="operator"] .body')).toHaveText(["Hello! What can I do for you?"]);
    await expect(w.window.locator(".subtitle")).not.toBeEmpty();
    // Folded: what the operator writes is counted on the bubble, for eyes and screen readers.
    await w.fold.click();
    await operator.post(conversation, "Still there?");
    await expect(w.bubble.locator(".badge")).toHaveText("1");
    await expect(w.bubble).toHaveAttribute("aria-label", "Chat with us (New messages: 1)");
    await w.bubble.click();
    await expect(page.locator('.chatbot-bridge-root .message[data-author="operator"] .body').last()).toHaveText("Still there?");
    await expect(w.bubble.locator(".badge")).toBeHidden();
    await w.input.fill("Just saying hi");
    await w.input.press("Enter");
    await expect.poll(async () => (await operator.call<{ messages: { body: string }[] }>(BRIDGE_ROUTES.operatorHistory, { conversation_id: conversation })).messages.map((m) => m.body)).toContain("Just saying hi");
    const token = await storedToken(page);
    await operator.call(BRIDGE_ROUTES.operatorClose, { conversation_id: conversation });
    await expect(page.locator('.chatbot-bridge-root .message[data-author="system"]').last()).toHaveText(/left the conversation$/);
    await expect(w.input).toHaveAttribute("placeholder", ODOO_TEXTS.conversationEnded);
    expect((await history(baseUrl(), token)).closed).toBe(true);
    // A closed conversation cannot go on: "Restart Conversation" starts a new one.
    await w.restart.click();
    await expect(w.messages).toHaveCount(0);
    await expect(w.input).toBeEnabled();
    await w.input.fill("Me again");
    await w.input.press("Enter");
    await expect(w.visitorLines).toHaveText(["Me again"]);
    await expect(w.root.locator('.message[data-author="visitor"]')).toHaveAttribute("data-status", "sent");
    const fresh = await storedTokenOrNull(page);
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(token);
  } finally {
    await operator.close();
  }
});
