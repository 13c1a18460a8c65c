// The widget on any website: another origin (CORS), a strict Content-Security-Policy page,
// a reload in the middle of a conversation, a bad network, and the page's language.
import { expect, test, type Page } from "@playwright/test";
import { BRIDGE_ROUTES } from "../../src/protocol/bridge.ts";
import { baseUrl, fastWidget, foreignSite, history, sitePage, storedToken, widget } from "./support/widget.ts";

async function startPricing(page: Page) {
  const w = widget(page);
  await w.answers.filter({ hasText: "I have a pricing question" }).click();
  await expect(w.botLines.last()).toHaveText("Would you mind leaving your email address so that we can reach you back?");
  await expect(w.input).toBeEnabled();
}

test.describe("widget: embedding", () => {
  test("works on a page of another origin (CORS) and follows the page's rule by URL", async ({ page }) => {
    const site = await foreignSite({ "/contactus": { html: sitePage(baseUrl()) } });
    try {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.goto(`${site.url}/contactus`);
      const w = widget(page);
      await expect(w.window).toBeVisible({ timeout: 8000 });
      await startPricing(page);
      await w.input.fill("partner.visitor@example.com");
      await w.input.press("Enter");
      await expect(w.input).toHaveAttribute("placeholder", "Conversation ended...");
      const server = await history(baseUrl(), await storedToken(page));
      expect(server.messages.at(-1)!.body).toBe("partner.visitor@example.com");
      expect(errors).toEqual([]);
    } finally {
      await site.close();
    }
  });

  test("the tag pasted twice, with a version query, gives one bubble and loads the chat of the same version", async ({ page }) => {
    const tag = sitePage(baseUrl()).match(/<script [^>]*><\/script>/)![0].replace("loader.js", "loader.js?v=42");
    const site = await foreignSite({ "/contactus": { html: `<!doctype html><html lang="en"><body><p>Twice.</p>${tag}${tag}</body></html>` } });
    try {
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname.split("/").pop() + new URL(r.url()).search);
      });
      await page.goto(`${site.url}/contactus`);
      const w = widget(page);
      await expect(w.answers).toHaveCount(3, { timeout: 8000 });
      await expect(w.root).toHaveCount(1);
      await expect(w.window).toHaveCount(1);
      expect(scripts.filter((s) => s.startsWith("chat.js"))).toEqual(["chat.js?v=42"]);
    } finally {
      await site.close();
    }
  });

  test("works under a strict Content-Security-Policy without 'unsafe-eval'", async ({ page }) => {
    const widgetOrigin = baseUrl();
    const policy = `default-src 'self'; script-src 'self' ${widgetOrigin}; connect-src ${widgetOrigin}; img-src ${widgetOrigin} data:; style-src 'self' ${widgetOrigin} 'unsafe-inline'`;
    const site = await foreignSite({ "/contactus": { html: sitePage(widgetOrigin, { title: "Strict page" }), headers: { "content-security-policy": policy } } });
    try {
      const violations: string[] = [];
      page.on("console", (m) => /Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text()));
      await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to load: ${e.violatedDirective} ${e.blockedURI}`)));
      const response = await page.goto(`${site.url}/contactus`);
      expect(response!.headers()["content-security-policy"]).toBe(policy);
      const w = widget(page);
      await expect(w.window).toBeVisible({ timeout: 8000 });
      await expect(w.answers).toHaveCount(3);
      await w.answers.filter({ hasText: "I am just looking around" }).click();
      await expect(w.botLines.last()).toHaveText("Please do! If there is anything we can help with, let us know");
      await w.restart.click();
      await expect(w.answers).toHaveCount(3);
      expect(violations).toEqual([]);
    } finally {
      await site.close();
    }
  });

  test("a reload in the middle of a conversation resumes it, open, where it was", async ({ page }) => {
    await fastWidget(page);
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await startPricing(page);
    const before = await w.messages.locator(".body").allInnerTexts();
    await page.reload();
    await expect(w.window).toBeVisible();
    await expect(w.messages.locator(".body")).toHaveText(before);
    await expect(w.input).toBeEnabled();
    await w.input.fill("resumed@example.com");
    await w.input.press("Enter");
    await expect(w.input).toHaveAttribute("placeholder", "Conversation ended...");
    // On another page of the site, the stored conversation shows up again (here: "/", which has no rule).
    await page.goto(`${baseUrl()}/`);
    await expect(w.window).toBeVisible();
    await expect(w.visitorLines.last()).toHaveText("resumed@example.com");
  });

  test("failed requests lose nothing and double nothing", async ({ page }) => {
    await fastWidget(page);
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    // 1. The first answer: the first two attempts fail on the network; the retry gets through.
    let failures = 2;
    await page.route(`**${BRIDGE_ROUTES.reply}`, async (route) => {
      if (failures-- > 0) await route.abort("internetdisconnected");
      else await route.continue();
    });
    await startPricing(page);
    await page.unroute(`**${BRIDGE_ROUTES.reply}`);
    // 2. The server gets the email but its answer is lost: the retry carries the same
    //    client_msg_id, so the server answers the first result again.
    const ids: string[] = [];
    let lost = 1;
    await page.route(`**${BRIDGE_ROUTES.reply}`, async (route) => {
      ids.push((route.request().postDataJSON() as { params: { client_msg_id: string } }).params.client_msg_id);
      if (lost-- > 0) {
        await route.fetch();
        await route.abort("connectionreset");
      } else await route.continue();
    });
    await w.input.fill("not-an-email");
    await w.input.press("Enter");
    await expect(w.botLines.last()).toHaveText("'not-an-email' does not look like a valid email. Can you please try again?");
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(1);
    await page.unroute(`**${BRIDGE_ROUTES.reply}`);
    // 3. Offline for good: the message is marked as not sent, the error shows in the chat,
    //    and "Retry" sends it once the network is back.
    await page.route(`**${BRIDGE_ROUTES.reply}`, (route) => route.abort("internetdisconnected"));
    await w.input.fill("kept@example.com");
    await w.input.press("Enter");
    await expect(w.root.locator('.message[data-status="failed"]')).toHaveCount(1, { timeout: 15_000 });
    await expect(w.notice).toHaveAttribute("role", "alert");
    await expect(w.notice).toContainText("could not be sent");
    await page.unroute(`**${BRIDGE_ROUTES.reply}`);
    await w.root.locator('.message[data-status="failed"] button').click();
    await expect(w.input).toHaveAttribute("placeholder", "Conversation ended...");
    await expect(w.root.locator('.message[data-status="failed"]')).toHaveCount(0);
    const server = await history(baseUrl(), await storedToken(page));
    expect(server.messages.filter((m) => m.author === "visitor").map((m) => m.body)).toEqual(["I have a pricing question", "not-an-email", "kept@example.com"]);
    expect(server.messages.filter((m) => m.body.includes("does not look like a valid email"))).toHaveLength(1);
  });

  test("offline: said in the chat, and what was typed is sent when the network is back", async ({ page, context }) => {
    await fastWidget(page);
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await startPricing(page);
    await context.setOffline(true);
    await expect(w.notice).toHaveText("You are offline. Messages will be sent when you are back online.");
    await expect(w.notice).toHaveAttribute("role", "alert");
    await w.input.fill("offline@example.com");
    await w.input.press("Enter");
    await expect(w.root.locator('.message[data-status="failed"] .body')).toHaveText("offline@example.com", { timeout: 15_000 });
    await context.setOffline(false);
    // Back online: sent without the visitor doing anything, once.
    await expect(w.input).toHaveAttribute("placeholder", "Conversation ended...");
    await expect(w.notice).toHaveCount(0);
    const server = await history(baseUrl(), await storedToken(page));
    expect(server.messages.filter((m) => m.body === "offline@example.com")).toHaveLength(1);
  });

  test("a refusal of the server is said in the chat, which then shows where the conversation is", async ({ page, context }) => {
    await fastWidget(page);
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await startPricing(page);
    // A second tab of the same site resumes the same conversation and finishes it.
    const other = await context.newPage();
    await other.goto(`${baseUrl()}/contactus`);
    const w2 = widget(other);
    await expect(w2.input).toBeEnabled();
    await w2.input.fill("first.tab@example.com");
    await w2.input.press("Enter");
    await expect(w2.input).toHaveAttribute("placeholder", "Conversation ended...");
    // The first tab still shows the email question: its answer is refused, and said so.
    await w.input.fill("late@example.com");
    await w.input.press("Enter");
    await expect(w.notice).toHaveText("This conversation has ended.");
    await expect(w.notice).toHaveAttribute("role", "alert");
    // The refused text is not lost: it stays last, marked as not delivered, with the reason.
    await expect(w.visitorLines).toHaveText(["I have a pricing question", "first.tab@example.com", "late@example.com"]);
    const refused = w.root.locator('.message[data-status="refused"]');
    await expect(refused.locator(".body")).toHaveText("late@example.com");
    await expect(refused.locator(".status")).toHaveText("Not delivered: This conversation has ended.");
    await expect(w.input).toHaveAttribute("placeholder", "Conversation ended...");
    await expect(w.restart).toBeVisible();
  });

  test("times follow the page's full locale: en-GB gets 24-hour times", async ({ browser }) => {
    const context = await browser.newContext({ timezoneId: "Europe/London" });
    const page = await context.newPage();
    const site = await foreignSite({ "/contactus": { html: sitePage(baseUrl(), { lang: "en-GB" }) } });
    try {
      await page.goto(`${site.url}/contactus`);
      const w = widget(page);
      await expect(w.root).toHaveAttribute("lang", "en");
      const time = w.root.locator(".message time").first();
      await expect(time).toBeVisible({ timeout: 8000 });
      const iso = (await time.getAttribute("datetime"))!;
      await expect(time).toHaveText(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" }).format(new Date(iso)));
      await expect(time).not.toHaveText(/AM|PM/i);
    } finally {
      await site.close();
      await context.close();
    }
  });

  test("a chat bundle that cannot load is said next to the bubble; a click tries again", async ({ page }) => {
    await fastWidget(page);
    await page.route("**/static/dist/chat.js*", (r) => r.abort("internetdisconnected"));
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    // The rule opens the chat after 2 s: it cannot, and says so instead of failing silently.
    const error = w.root.locator('.error[role="alert"]');
    await expect(error).toHaveText("The chat could not be loaded. Please try again.", { timeout: 8000 });
    await expect(w.bubble).toBeVisible();
    await page.unroute("**/static/dist/chat.js*");
    await w.bubble.click();
    await expect(w.answers).toHaveCount(3);
    await expect(error).toHaveCount(0);
  });

  test("speaks the page's language (Romanian) and shows times in the visitor's time zone", async ({ browser }) => {
    const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
    const page = await context.newPage();
    const site = await foreignSite({ "/contactus": { html: sitePage(baseUrl(), { lang: "ro-RO", title: "Pagina partenerului" }) } });
    try {
      await page.goto(`${site.url}/contactus`);
      const w = widget(page);
      await expect(w.window).toBeVisible({ timeout: 8000 });
      // The widget says which language it speaks (screen readers pronounce it so).
      await expect(w.root).toHaveAttribute("lang", "ro");
      await expect(w.input).toHaveAttribute("placeholder", "Selectează o opțiune de mai sus");
      await expect(w.fold).toHaveAttribute("aria-label", "Minimizează chatul");
      // Bot messages stay as the server wrote them.
      await expect(w.botLines.first()).toHaveText("Welcome to CompanyName! 👋");
      const time = w.root.locator(".message time").first();
      const iso = (await time.getAttribute("datetime"))!;
      const expected = new Intl.DateTimeFormat("ro", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Tokyo" }).format(new Date(iso));
      await expect(time).toHaveText(expected);
      await w.fold.click();
      await expect(w.bubble).toHaveAttribute("aria-label", "Scrie-ne");
    } finally {
      await site.close();
      await context.close();
    }
  });
});
