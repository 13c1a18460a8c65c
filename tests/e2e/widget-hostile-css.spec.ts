// A page whose CSS reaches every element it can (divs hidden, the body's children moved away,
// made invisible, shrunk, fonts zeroed): the bubble is still there, on screen, and works.
import { expect, test } from "@playwright/test";
import { BRIDGE_ROUTES, type InitResult } from "../../src/protocol/bridge.ts";
import { adminClient, baseUrl, foreignSite, rpc, sitePage, widget } from "./support/widget.ts";

const PATH = `/hostile-${Date.now().toString(36)}`;
const HOSTILE = `<style>
  div { display: none !important; }
  body > * { transform: translateX(-5000px) !important; position: absolute !important; left: -9999px !important; filter: blur(10px) !important; }
  body > :not(h1):not(p) { opacity: 0 !important; visibility: hidden !important; width: 0 !important; height: 0 !important; overflow: hidden !important; }
  * { font-size: 0 !important; color: transparent !important; pointer-events: none !important; }
  html, body { pointer-events: auto !important; }
</style>`;

let ruleId: number | undefined;

// A "Show" rule for this page: the bubble stays until clicked (the server is shared: removed after).
test.beforeAll(async () => {
  const init = await rpc<InitResult>(baseUrl(), BRIDGE_ROUTES.init, { channel_id: 1, url: `${baseUrl()}/contactus` });
  ruleId = await (await adminClient()).create("im_livechat.channel.rule", { channel_id: 1, regex_url: PATH, action: "display_button", chatbot_script_id: init.chatbot!.script_id, sequence: 1 });
});
test.afterAll(async () => {
  if (ruleId) await (await adminClient()).unlink("im_livechat.channel.rule", [ruleId]);
});

test("hostile page CSS does not hide, move or disable the widget", async ({ page }) => {
  const html = sitePage(baseUrl(), { title: "Hostile page" }).replace("</head>", `${HOSTILE}</head>`);
  const site = await foreignSite({ [PATH]: { html } });
  try {
    await page.goto(`${site.url}${PATH}`);
    const w = widget(page);
    await expect(w.root).toHaveJSProperty("tagName", "CHATBOT-BRIDGE-WIDGET");
    await expect(w.bubble).toBeVisible({ timeout: 8000 });
    const viewport = page.viewportSize()!;
    const box = (await w.bubble.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.x).toBeGreaterThan(viewport.width / 2);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    // Really on top and reachable: what is under the bubble's centre is the widget.
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName, [box.x + box.width / 2, box.y + box.height / 2]);
    expect(hit).toBe("CHATBOT-BRIDGE-WIDGET");
    const host = await w.root.evaluate((el) => {
      const style = getComputedStyle(el);
      return { opacity: style.opacity, visibility: style.visibility, transform: style.transform, filter: style.filter, pointerEvents: style.pointerEvents };
    });
    expect(host).toEqual({ opacity: "1", visibility: "visible", transform: "none", filter: "none", pointerEvents: "auto" });
    await w.bubble.click();
    await expect(w.answers).toHaveCount(3);
    await w.answers.filter({ hasText: "I am just looking around" }).click();
    await expect(w.botLines.last()).toHaveText("Please do! If there is anything we can help with, let us know");
    expect(await w.botLines.last().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(10);
  } finally {
    await site.close();
  }
});
