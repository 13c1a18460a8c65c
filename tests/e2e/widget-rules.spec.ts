// Channel rules as the loader applies them, on pages of another site: "Show" (bubble only),
// "Show with notification" (bubble and text), "Hide" (nothing), and a stored conversation
// that shows up again on a page whose rule hides the livechat.
import { expect, test } from "@playwright/test";
import { BRIDGE_ROUTES, type InitResult } from "../../src/protocol/bridge.ts";
import type { RuleAction } from "../../src/protocol/odoo.ts";
import { adminClient, baseUrl, foreignSite, rpc, seriousViolations, sitePage, widget } from "./support/widget.ts";

const stamp = Date.now().toString(36);
const paths: Record<RuleAction, string> = {
  display_button: `/show-${stamp}`,
  display_button_and_text: `/notify-${stamp}`,
  hide_button: `/hide-${stamp}`,
  auto_popup: `/popup-${stamp}`,
};

const ruleIds: number[] = [];

test.beforeAll(async () => {
  const admin = await adminClient();
  const init = await rpc<InitResult>(baseUrl(), BRIDGE_ROUTES.init, { channel_id: 1, url: `${baseUrl()}/contactus` });
  const scriptId = init.chatbot!.script_id;
  for (const [action, path] of Object.entries(paths))
    ruleIds.push(await admin.create("im_livechat.channel.rule", { channel_id: 1, regex_url: path, action, auto_popup_timer: 0, chatbot_script_id: scriptId, sequence: 1 }));
});

// The server is shared with other tests: leave the seed's rules as they were.
test.afterAll(async () => {
  if (ruleIds.length) await (await adminClient()).unlink("im_livechat.channel.rule", ruleIds);
});

test("Show, Show with notification and Hide; a stored conversation shows whatever the rule", async ({ page }) => {
  const pages = Object.fromEntries(Object.values(paths).map((path) => [path, { html: sitePage(baseUrl()) }]));
  const site = await foreignSite(pages);
  try {
    const w = widget(page);
    const initDone = () => page.waitForResponse((r) => r.url().endsWith(BRIDGE_ROUTES.init));

    // Show: the bubble, nothing opens by itself.
    let answered = initDone();
    await page.goto(site.url + paths.display_button);
    await answered;
    await expect(w.bubble).toBeVisible();
    await page.waitForTimeout(500);
    await expect(w.window).toHaveCount(0);
    await expect(w.root.locator(".notice")).toHaveCount(0);

    // Show with notification: the bubble and its text; the text opens the chat.
    await page.goto(site.url + paths.display_button_and_text);
    await expect(w.root.locator(".notice")).toHaveText("Have a Question? Chat with us.");
    await expect(w.window).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await w.root.locator(".notice").click();
    await expect(w.answers).toHaveCount(3);

    // Hide: nothing at all (no conversation stored yet: the chat was only looked at).
    answered = initDone();
    await page.goto(site.url + paths.hide_button);
    await answered;
    await page.waitForTimeout(300);
    await expect(w.root).toHaveCount(0);

    // Start a conversation, then come back to the hidden page: it is resumed there.
    await page.goto(site.url + paths.auto_popup);
    await w.answers.filter({ hasText: "I am just looking around" }).click();
    await expect(w.botLines.last()).toHaveText("Please do! If there is anything we can help with, let us know");
    await page.goto(site.url + paths.hide_button);
    await expect(w.window).toBeVisible();
    await expect(w.visitorLines).toHaveText(["I am just looking around"]);
  } finally {
    await site.close();
  }
});
