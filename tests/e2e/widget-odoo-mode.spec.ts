// "Odoo mode": a server that cannot hold connections (Odoo's prefork workers) says so with
// push.poll_max_timeout 0 and no WebSocket; the widget then polls every few seconds with
// timeout 0, and operator messages still arrive. A second embedded ERP is started with
// BRIDGE_POLL_MAX_TIMEOUT=0 BRIDGE_WEBSOCKET=0 for this.
import { expect, test } from "@playwright/test";
import { BRIDGE_ROUTES, type InitResult } from "../../src/protocol/bridge.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { Operator, fastWidget, rpc, widget } from "./support/widget.ts";

let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ env: { BRIDGE_POLL_MAX_TIMEOUT: "0", BRIDGE_WEBSOCKET: "0" } });
});
test.afterAll(async () => {
  await server?.stop();
});

test("in Odoo mode the widget polls (timeout 0, every few seconds) instead of holding connections", async ({ page, browser }) => {
  const base = server.baseUrl;
  const init = await rpc<InitResult>(base, BRIDGE_ROUTES.init, { channel_id: 1, url: `${base}/contactus` });
  expect(init.push).toEqual({ websocket: null, poll_max_timeout: 0 });
  const operator = await Operator.online(browser, base);
  try {
    await fastWidget(page, { pollInterval: 1000 });
    const sockets: string[] = [];
    page.on("websocket", (ws) => sockets.push(ws.url()));
    const polls: { at: number; timeout: number }[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(BRIDGE_ROUTES.poll)) polls.push({ at: Date.now(), timeout: (r.postDataJSON() as { params: { timeout: number } }).params.timeout });
    });
    await page.goto(`${base}/contactus`);
    const w = widget(page);
    await w.answers.filter({ hasText: "I have a pricing question" }).click({ timeout: 8000 });
    await expect(page.locator('.chatbot-bridge-root .message[data-author="system"]').last()).toHaveText(/has joined$/);
    await w.input.fill("Anyone there?");
    await w.input.press("Enter");
    const conversation = await operator.conversationWith("Anyone there?");
    await operator.post(conversation, "Yes, polled to you.");
    await expect(page.locator('.chatbot-bridge-root .message[data-author="operator"] .body')).toHaveText(["Yes, polled to you."]);
    await expect.poll(() => polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.every((p) => p.timeout === 0)).toBe(true);
    // Quick polls spaced by the poll period, not a busy loop.
    const gaps = polls.slice(1).map((p, i) => p.at - polls[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(800);
    expect(sockets).toEqual([]);
    // Polls that keep failing are said, quietly; when they work again the notice goes and
    // what the operator wrote meanwhile comes.
    await page.route(`**${BRIDGE_ROUTES.poll}`, (r) => r.abort("internetdisconnected"));
    await expect(w.notice).toHaveText("Reconnecting...", { timeout: 10_000 });
    await expect(w.notice).toHaveAttribute("role", "status");
    await operator.post(conversation, "Still polled to you.");
    await page.unroute(`**${BRIDGE_ROUTES.poll}`);
    await expect(page.locator('.chatbot-bridge-root .message[data-author="operator"] .body').last()).toHaveText("Still polled to you.");
    await expect(w.notice).toHaveCount(0);
  } finally {
    await operator.close();
  }
});
