// A bad network around the calls that are not replies: the first interaction's session/open,
// a restart whose answer is lost, and a reload whose history (and init) fail. Nothing is lost,
// nothing doubled, and a stored conversation is never replaced by a new one.
import { expect, test, type Page } from "@playwright/test";
import { BRIDGE_ROUTES } from "../../src/protocol/bridge.ts";
import { ODOO_TEXTS } from "../../src/protocol/odoo.ts";
import { baseUrl, fastWidget, history, storedToken, widget } from "./support/widget.ts";

/** The JSON-RPC params of every request to `route`, as the page sends them. */
function recordParams(page: Page, route: string): Record<string, unknown>[] {
  const seen: Record<string, unknown>[] = [];
  page.on("request", (r) => {
    if (r.url().endsWith(route)) seen.push((r.postDataJSON() as { params: Record<string, unknown> }).params);
  });
  return seen;
}

/** Fails the next `count` requests to `route` on the network, then lets them through. */
async function failNext(page: Page, route: string, count: number): Promise<void> {
  let left = count;
  await page.route(`**${route}`, async (r) => {
    if (left-- > 0) await r.abort("internetdisconnected");
    else await r.continue();
  });
}

test.describe("widget: bad network", () => {
  test("session/open failing on the first interaction, then a restart whose answer is lost", async ({ page }) => {
    await fastWidget(page);
    const opens = recordParams(page, BRIDGE_ROUTES.open);
    const restarts = recordParams(page, BRIDGE_ROUTES.restart);
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await expect(w.answers).toHaveCount(3, { timeout: 8000 });

    // Every attempt of the open fails: the answer is kept, marked as not sent, and the
    // question's buttons do not come back (no second answer can be sent meanwhile).
    await page.route(`**${BRIDGE_ROUTES.open}`, (r) => r.abort("internetdisconnected"));
    await w.answers.filter({ hasText: "I am just looking around" }).click();
    const mine = w.root.locator('.message[data-author="visitor"]');
    // "Sending..." is shown but kept out of what screen readers announce.
    await expect(mine.locator(".status")).toHaveAttribute("aria-hidden", "true");
    await expect(mine).toHaveAttribute("data-status", "failed", { timeout: 15_000 });
    await expect(w.answers).toHaveCount(0);
    await expect(w.notice).toContainText("could not be sent");
    await page.unroute(`**${BRIDGE_ROUTES.open}`);
    await mine.locator("button").click();
    await expect(w.botLines.last()).toHaveText("Please do! If there is anything we can help with, let us know");
    await expect(w.restart).toBeVisible();
    expect(opens.length).toBeGreaterThanOrEqual(2);
    expect(new Set(opens.map((p) => p.client_open_id)).size, "one conversation: the same client_open_id on every attempt").toBe(1);

    // The server restarts, but its answer is lost: the retry carries the same id, so the
    // conversation restarts once.
    let lost = 1;
    await page.route(`**${BRIDGE_ROUTES.restart}`, async (r) => {
      if (lost-- > 0) {
        await r.fetch();
        await r.abort("connectionreset");
      } else await r.continue();
    });
    await w.restart.click();
    await expect(w.answers).toHaveCount(3, { timeout: 15_000 });
    expect(restarts.length).toBe(2);
    expect(restarts[0]!.client_msg_id).toBe(restarts[1]!.client_msg_id);
    const server = await history(baseUrl(), await storedToken(page));
    expect(server.messages.filter((m) => m.body === ODOO_TEXTS.restarting)).toHaveLength(1);
    expect(server.messages.filter((m) => m.author === "visitor").map((m) => m.body)).toEqual(["I am just looking around"]);
    await expect(w.botLines.filter({ hasText: ODOO_TEXTS.restarting })).toHaveCount(1);
  });

  test("a reload whose history and init fail: the stored conversation comes back, never a new one over it", async ({ page }) => {
    await fastWidget(page);
    const opens = recordParams(page, BRIDGE_ROUTES.open);
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await w.answers.filter({ hasText: "I have a pricing question" }).click({ timeout: 8000 });
    await expect(w.botLines.last()).toHaveText("Would you mind leaving your email address so that we can reach you back?");
    const token = await storedToken(page);
    const before = await w.messages.locator(".body").allInnerTexts();
    // Folded, so that on the next load only the bubble shows.
    await w.fold.click();

    // More failures than the loader tries: the chat loads the conversation itself. The page's
    // rule opens the chat after 2 s, but never over the stored conversation.
    await failNext(page, BRIDGE_ROUTES.history, 6);
    await page.reload();
    await expect(w.bubble).toBeVisible({ timeout: 15_000 });
    await page.waitForTimeout(2500);
    await expect(w.window).toHaveCount(0);
    await w.bubble.click();
    await expect(w.messages.locator(".body")).toHaveText(before, { timeout: 15_000 });
    await expect(w.input).toBeEnabled();
    expect(await storedToken(page)).toBe(token);
    await page.unroute(`**${BRIDGE_ROUTES.history}`);

    // init never answers: the stored conversation still shows and goes on.
    await page.route(`**${BRIDGE_ROUTES.init}`, (r) => r.abort("internetdisconnected"));
    await page.reload();
    await expect(w.window).toBeVisible({ timeout: 15_000 });
    await expect(w.messages.locator(".body")).toHaveText(before);
    await w.input.fill("still.here@example.com");
    await w.input.press("Enter");
    await expect(w.input).toHaveAttribute("placeholder", ODOO_TEXTS.conversationEnded);
    expect(opens, "no conversation was opened after the first").toHaveLength(1);
    expect(await storedToken(page)).toBe(token);
    const server = await history(baseUrl(), token);
    expect(server.messages.filter((m) => m.author === "visitor").map((m) => m.body)).toEqual(["I have a pricing question", "still.here@example.com"]);
  });
});
