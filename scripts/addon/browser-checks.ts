// Browser checks of the module inside a running Odoo (used by verify:odoo): the admin app opens
// from its menu in Odoo's web client, and the visitor widget, pasted on a page of another
// origin, runs the Welcome Bot against Odoo. Chromium through playwright-core.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../../tests/support/chromium.ts";
import { LOADER_PATH } from "../../src/protocol/bridge.ts";

export interface BrowserCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const ADMIN_ACTION = "livechat_chatbot_bridge.action_chatbot_bridge_admin";
const MENU = "livechat_chatbot_bridge.menu_chatbot_bridge_admin";

async function checkAdminApp(browser: Browser, baseUrl: string, db: string): Promise<BrowserCheck> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  try {
    const login = await context.request.post(`${baseUrl}/web/session/authenticate`, {
      data: { jsonrpc: "2.0", method: "call", params: { db, login: "admin", password: "admin" } },
    });
    if (!(await login.json()).result) return { name: "admin app", ok: false, detail: "admin/admin could not log in" };
    // The production bundle (no debug=assets): Odoo minifies the built admin app itself.
    await page.goto(`${baseUrl}/web#action=${ADMIN_ACTION}`, { waitUntil: "domcontentloaded", timeout: 180_000 });
    await page.locator(`[data-menu-xmlid="${MENU}"]`).waitFor({ state: "attached", timeout: 60_000 }).catch(() => undefined);
    const mounted = page.locator(".o_chatbot_bridge_action");
    await mounted.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => (document.querySelector(".o_chatbot_bridge_action")?.childElementCount ?? 0) > 0, undefined, { timeout: 30_000 });
    const menuPresent = (await page.locator(`[data-menu-xmlid="${MENU}"]`).count()) > 0;
    const ok = errors.length === 0;
    return {
      name: "admin app",
      ok,
      detail: `client action mounted${menuPresent ? ", menu present" : ""}${errors.length ? `; page errors: ${errors.slice(0, 3).join(" | ")}` : ", no page error"}`,
    };
  } catch (error) {
    return { name: "admin app", ok: false, detail: `${(error as Error).message.split("\n")[0]}${errors.length ? `; page errors: ${errors.slice(0, 3).join(" | ")}` : ""}` };
  } finally {
    await context.close();
  }
}

/** A page of another origin that pastes the widget tag, at /contactus (the demo rule). */
function hostSite(baseUrl: string): Promise<Server> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Contact us</h1>
<script src="${baseUrl}${LOADER_PATH}" data-channel-id="1" data-typing-delay="0" async></script></body></html>`;
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function checkWidget(browser: Browser, baseUrl: string): Promise<BrowserCheck> {
  const site = await hostSite(baseUrl);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    const port = (site.address() as AddressInfo).port;
    await page.goto(`http://localhost:${port}/contactus`);
    const root = page.locator(".chatbot-bridge-root");
    // The /contactus rule opens the chat by itself after 2 s.
    const answer = root.locator("button.answer", { hasText: "I am just looking around" });
    await answer.click({ timeout: 30_000 });
    const reply = root.locator('.message[data-author="bot"] .body', { hasText: "Please do! If there is anything we can help with, let us know" });
    await reply.waitFor({ timeout: 30_000 });
    const bodies = await root.locator(".message .body").allInnerTexts();
    return { name: "visitor widget", ok: errors.length === 0, detail: `Welcome Bot on another origin: ${bodies.length} messages, last "${bodies.at(-1)}"${errors.length ? `; page errors: ${errors.join(" | ")}` : ""}` };
  } catch (error) {
    return { name: "visitor widget", ok: false, detail: `${(error as Error).message.split("\n")[0]}${errors.length ? `; page errors: ${errors.join(" | ")}` : ""}` };
  } finally {
    await context.close();
    site.close();
  }
}

export async function browserChecks(baseUrl: string, db: string): Promise<BrowserCheck[]> {
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    return [await checkAdminApp(browser, baseUrl, db), await checkWidget(browser, baseUrl)];
  } finally {
    await browser.close();
  }
}

// Standalone: node --import tsx scripts/addon/browser-checks.ts BASE_URL DB
if (import.meta.url === `file://${process.argv[1]}`) {
  const [baseUrl, db] = process.argv.slice(2);
  if (!baseUrl || !db) {
    console.error("usage: browser-checks.ts BASE_URL DB");
    process.exit(2);
  }
  const results = await browserChecks(baseUrl.replace(/\/$/, ""), db);
  for (const r of results) console.log(`${r.ok ? "ok" : "FAILED"}  ${r.name}: ${r.detail}`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
