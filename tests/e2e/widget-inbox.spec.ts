// End to end with both real screens: a visitor in the widget on /contactus, the operator in
// the admin app's Inbox (/web/inbox) in a second browser context. The Welcome Bot forwards,
// and messages go both ways live, without reloading either page.
import { expect, test } from "@playwright/test";
import { BRIDGE_ROUTES } from "../../src/protocol/bridge.ts";
import { ODOO_TEXTS } from "../../src/protocol/odoo.ts";
import { login, orm } from "./support/admin.ts";
import { baseUrl, fastWidget, widget } from "./support/widget.ts";

test("visitor in the widget, operator in the Inbox: live both ways, then closed", async ({ page, browser }) => {
  const operatorContext = await browser.newContext();
  const inbox = await operatorContext.newPage();
  try {
    await login(inbox, "operator");
    await inbox.getByRole("link", { name: "Inbox" }).click();
    await expect(inbox).toHaveURL(/\/web\/inbox$/);
    await inbox.getByRole("switch").check();
    await expect(inbox.locator(".o_presence")).toContainText("Online");

    await fastWidget(page);
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await w.answers.filter({ hasText: "I have a pricing question" }).click({ timeout: 8000 });
    await expect(w.root.locator('.message[data-author="system"]').last()).toHaveText(/has joined$/);
    const hello = `Anyone there? ${Date.now().toString(36)}`;
    await w.input.fill(hello);
    await w.input.press("Enter");

    // The Inbox shows the conversation and the visitor's words without a reload.
    const entry = inbox.locator(".o_inbox_entry", { hasText: hello });
    await expect(entry).toBeVisible();
    await entry.click();
    const thread = inbox.locator(".o_inbox_messages .o_message_body");
    await expect(thread.last()).toHaveText(hello);

    // Operator → visitor, live.
    await inbox.getByLabel("Reply").fill("Marc here. How can I help?");
    await inbox.getByLabel("Reply").press("Enter");
    await expect(w.root.locator('.message[data-author="operator"] .body')).toHaveText(["Marc here. How can I help?"]);

    // Visitor → operator, live, in the open thread.
    await w.input.fill("What does the Pro plan cost?");
    await w.input.press("Enter");
    await expect(thread.last()).toHaveText("What does the Pro plan cost?");
    await inbox.getByLabel("Reply").fill("20 € a month.");
    await inbox.getByLabel("Reply").press("Enter");
    await expect(w.root.locator('.message[data-author="operator"] .body').last()).toHaveText("20 € a month.");

    // Closed in the Inbox: the visitor sees it at once and may start anew.
    await inbox.getByRole("button", { name: "Close", exact: true }).click();
    await expect(w.root.locator('.message[data-author="system"]').last()).toHaveText(/left the conversation$/);
    await expect(w.input).toHaveAttribute("placeholder", ODOO_TEXTS.conversationEnded);
    await expect(w.restart).toBeVisible();
  } finally {
    await operatorContext.close();
    // Leave no operator online for the other tests.
    const operator = await orm("operator");
    await operator.transport.call(BRIDGE_ROUTES.operatorPresence, { online: false });
  }
});
