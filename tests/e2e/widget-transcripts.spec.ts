// The Welcome Bot in the widget on /contactus plays each conversation recorded on a real
// Odoo 18 to the same bot messages, in the same order.
import { expect, test } from "@playwright/test";
import { BRIDGE_ROUTES } from "../../src/protocol/bridge.ts";
import { ODOO_TEXTS } from "../../src/protocol/odoo.ts";
import { Operator, baseUrl, fastWidget, history, playTranscript, storedToken, transcript, widget } from "./support/widget.ts";

test.describe("widget: Welcome Bot transcripts on /contactus", () => {
  test("opens by itself after the rule's 2 s and stores nothing before the first interaction", async ({ page }) => {
    await fastWidget(page);
    const opens: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(BRIDGE_ROUTES.open)) opens.push(r.url());
    });
    const started = Date.now();
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await expect(w.window).toBeVisible({ timeout: 8000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    await expect(w.answers).toHaveCount(3);
    await expect(w.input).toBeDisabled();
    await expect(w.input).toHaveAttribute("placeholder", "Select an option above");
    expect(opens, "the conversation is stored only on the first interaction").toHaveLength(0);
    await w.answers.filter({ hasText: "I am just looking around" }).click();
    await expect(w.botLines.last()).toHaveText("Please do! If there is anything we can help with, let us know");
    expect(opens).toHaveLength(1);
  });

  for (const name of ["visitor_18_pricing_no_operator_email", "visitor_18_just_looking_then_restart", "visitor_18_documentation_redirect"]) {
    test(`plays ${name}`, async ({ page }) => {
      await fastWidget(page);
      const recorded = transcript(name);
      await page.goto(`${baseUrl()}/contactus`);
      await playTranscript(page, recorded.visitor_sees);
      const w = widget(page);
      // Every line of the recording, and nothing more.
      await expect(w.botLines).toHaveCount(recorded.visitor_sees.filter((l) => l.who === "bot").length);
      await expect(w.input).toHaveAttribute("placeholder", ODOO_TEXTS.conversationEnded);
      await expect(w.restart).toHaveText(ODOO_TEXTS.restartConversation);
      if (name.includes("documentation")) {
        // The answer's link was followed; the conversation went on on that page.
        expect(new URL(page.url()).pathname).toBe("/");
        // "/" has no rule and no bot of its own: the header still names the conversation's bot.
        await expect(w.window.locator(".title")).toHaveText("Welcome Bot");
        await expect(w.window.locator("img.avatar")).toBeVisible();
      }
      // The server holds the same transcript: nothing lost, nothing doubled.
      const server = await history(baseUrl(), await storedToken(page));
      expect(server.messages.filter((m) => m.author === "visitor").map((m) => m.body)).toEqual(recorded.visitor_sees.filter((l) => l.who === "visitor").map((l) => l.text));
    });
  }

  test("with a typing delay, the bot types before each message and the composer waits meanwhile", async ({ page }) => {
    await fastWidget(page, { typingDelay: 1200 });
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    const typing = w.root.locator(".typing");
    await expect(typing).toHaveText("Welcome Bot is typing...", { timeout: 8000 });
    await expect(typing).toHaveAttribute("role", "status");
    await expect(w.input).toBeDisabled();
    await expect(w.input).toHaveAttribute("placeholder", "Say something");
    await expect(w.answers).toHaveCount(3);
    await expect(typing).toHaveCount(0);
    await w.answers.filter({ hasText: "I have a pricing question" }).click();
    await expect(typing).toBeVisible();
    await expect(w.input).toBeDisabled();
    await expect(w.botLines.last()).toHaveText("Would you mind leaving your email address so that we can reach you back?", { timeout: 10_000 });
    await expect(typing).toHaveCount(0);
    await expect(w.input).toBeEnabled();
  });

  test("plays visitor_18_pricing_operator_online: the operator joins and the chat goes on live", async ({ page, browser }) => {
    const operator = await Operator.online(browser, baseUrl());
    try {
      await fastWidget(page);
      const recorded = transcript("visitor_18_pricing_operator_online");
      await page.goto(`${baseUrl()}/contactus`);
      await playTranscript(page, recorded.visitor_sees);
      const w = widget(page);
      await expect(page.locator('.chatbot-bridge-root .message[data-author="system"]').last()).toHaveText(/has joined$/);
      await expect(w.input).toBeEnabled();
      await expect(w.restart).toHaveCount(0);
      const last = recorded.visitor_sees.at(-1)!.text;
      const conversation = await operator.conversationWith(last);
      await operator.post(conversation, "Hi! Yes, I am here. How can I help?");
      await expect(page.locator('.chatbot-bridge-root .message[data-author="operator"] .body')).toHaveText(["Hi! Yes, I am here. How can I help?"]);
      await w.input.fill("What does the Pro plan cost?");
      await w.input.press("Enter");
      await expect(w.visitorLines.last()).toHaveText("What does the Pro plan cost?");
      await operator.post(conversation, "It is 20 € a month. See https://example.com/pricing.");
      const link = page.locator('.chatbot-bridge-root .message[data-author="operator"] .body a');
      await expect(link).toHaveAttribute("href", "https://example.com/pricing");
      await expect(link).toHaveAttribute("rel", /noopener/);
      const server = await history(baseUrl(), await storedToken(page));
      expect(server.state).toBe("operator");
      expect(server.messages.filter((m) => m.author === "visitor").map((m) => m.body)).toEqual(["I have a pricing question", last, "What does the Pro plan cost?"]);
    } finally {
      await operator.close();
    }
  });
});
