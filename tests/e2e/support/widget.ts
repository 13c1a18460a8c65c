// Helpers of the widget e2e tests: the widget seen through its shadow root (Playwright's CSS
// locators pierce open shadow roots), transcripts, an operator in another browser context,
// and a second web server of another origin.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { BRIDGE_ROUTES, LOADER_PATH, type BridgeView } from "../../../src/protocol/bridge.ts";
import { ODOO_TEXTS } from "../../../src/protocol/odoo.ts";
import { OdooClient } from "../../../src/rpc/odoo-client.ts";
import { JsonRpcTransport } from "../../../src/rpc/transport.ts";
import { OPTIONS_GLOBAL, type PageOptions } from "../../../src/livechat/shared/chat-contract.ts";

export const ROOT = new URL("../../../", import.meta.url).pathname;

export function baseUrl(): string {
  const url = process.env.BASE_URL;
  if (!url) throw new Error("BASE_URL is not set (tests/e2e/global-setup.ts starts the embedded ERP)");
  return url.replace(/\/$/, "");
}

/** No typing delays (the test speed); other settings as given. */
export async function fastWidget(page: Page, options: PageOptions = {}): Promise<void> {
  await page.addInitScript(([name, opts]) => ((window as unknown as Record<string, unknown>)[name as string] = opts), [OPTIONS_GLOBAL, { typingDelay: 0, ...options }] as const);
}

export function widget(page: Page) {
  const root = page.locator(".chatbot-bridge-root");
  return {
    root,
    bubble: root.locator("button.bubble"),
    window: root.locator("section.window"),
    messages: root.locator(".message"),
    answers: root.locator("button.answer"),
    input: root.locator("textarea.input"),
    send: root.locator("button.send"),
    restart: root.locator("button.restart"),
    fold: root.locator("button.fold"),
    notice: root.locator(".notice"),
    /** Bot lines as the visitor sees them in Odoo: the bot's messages and the restart notice. */
    botLines: root.locator(`.message[data-author="bot"] .body, .message[data-author="system"]:has-text("${ODOO_TEXTS.restarting}") .body`),
    visitorLines: root.locator('.message[data-author="visitor"] .body'),
  };
}

export interface TranscriptLine {
  who: "bot" | "visitor";
  text: string;
  answers?: string[];
}

export interface Transcript {
  scenario: string;
  visitor_sees: TranscriptLine[];
  ended: string;
}

export function transcript(name: string): Transcript {
  return JSON.parse(readFileSync(`${ROOT}../shared/transcripts/${name}.json`, "utf8")) as Transcript;
}

/**
 * Plays the transcript's visitor side in the widget and checks every bot line, in order:
 * answers are clicked when offered, other visitor lines typed; a restart notice means the
 * visitor pressed "Restart Conversation".
 */
export async function playTranscript(page: Page, lines: TranscriptLine[], onVisitorLine?: (index: number) => Promise<void>): Promise<void> {
  const w = widget(page);
  let bots = 0;
  let visitors = 0;
  for (const line of lines) {
    if (line.who === "bot") {
      if (line.text === ODOO_TEXTS.restarting) await w.restart.click();
      bots++;
      // Several bot lines can come at once (no typing delay in tests): wait for this one.
      await expect(w.botLines.nth(bots - 1)).toHaveText(line.text);
      if (line.answers) await expect(w.answers).toHaveText(line.answers);
    } else {
      const offered = await w.answers.allInnerTexts();
      if (offered.includes(line.text)) await w.answers.filter({ hasText: line.text }).click();
      else {
        await expect(w.input).toBeEnabled();
        await w.input.fill(line.text);
        await w.input.press("Enter");
      }
      visitors++;
      await expect(w.visitorLines).toHaveCount(visitors);
      await expect(w.visitorLines.nth(visitors - 1)).toHaveText(line.text);
      // Sent, not just shown.
      await expect(w.root.locator('.message[data-author="visitor"]').nth(visitors - 1)).toHaveAttribute("data-status", "sent");
      await onVisitorLine?.(visitors);
    }
  }
}

/** The stored conversation token of the page (localStorage of the page's origin). */
export async function storedToken(page: Page): Promise<string> {
  const token = await storedTokenOrNull(page);
  if (!token) throw new Error("no conversation stored");
  return token;
}

export function storedTokenOrNull(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (key.startsWith("chatbot_bridge.v1:")) return (JSON.parse(localStorage.getItem(key)!) as { token: string }).token;
    }
    return null;
  });
}

export async function rpc<T>(base: string, route: string, params: object): Promise<T> {
  const response = await fetch(base + route, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", method: "call", params, id: 1 }) });
  const body = (await response.json()) as { result?: T; error?: { data?: { message?: string } } };
  if (body.error) throw new Error(body.error.data?.message ?? JSON.stringify(body.error));
  return body.result as T;
}

export function history(base: string, token: string): Promise<BridgeView> {
  return rpc<BridgeView>(base, BRIDGE_ROUTES.history, { token });
}

/** The admin, logged in over JSON-RPC, to make scripts and rules for a test. */
export async function adminClient(base = baseUrl()): Promise<OdooClient> {
  const admin = new OdooClient(new JsonRpcTransport({ baseUrl: base, cookieJar: true }));
  const [db] = await admin.listDatabases();
  await admin.authenticate(db ?? "chatbot_bridge", process.env.ADMIN_LOGIN ?? "admin", process.env.ADMIN_PASSWORD ?? "admin");
  return admin;
}

/** An operator logged in (JSON-RPC session) in a browser context of its own, online. */
export class Operator {
  private constructor(
    readonly context: BrowserContext,
    readonly base: string,
  ) {}

  static async online(browser: Browser, base: string): Promise<Operator> {
    const context = await browser.newContext();
    const operator = new Operator(context, base);
    const databases = await operator.call<string[]>("/web/database/list", {}).catch(() => ["chatbot_bridge"]);
    await operator.call("/web/session/authenticate", { db: databases[0] ?? "chatbot_bridge", login: process.env.OPERATOR_LOGIN ?? "operator", password: process.env.OPERATOR_PASSWORD ?? "operator" });
    await operator.presence(true);
    return operator;
  }

  async call<T>(route: string, params: object): Promise<T> {
    const response = await this.context.request.post(this.base + route, { data: { jsonrpc: "2.0", method: "call", params, id: 1 } });
    const body = (await response.json()) as { result?: T; error?: { data?: { message?: string } } };
    if (body.error) throw new Error(`${route}: ${body.error.data?.message ?? JSON.stringify(body.error)}`);
    return body.result as T;
  }

  presence(online: boolean) {
    return this.call(BRIDGE_ROUTES.operatorPresence, { online });
  }

  /** The conversation whose last message is `body`. */
  async conversationWith(body: string): Promise<number> {
    let found: number | undefined;
    await expect
      .poll(async () => {
        const result = await this.call<unknown>(BRIDGE_ROUTES.operatorInbox, {});
        const list = (Array.isArray(result) ? result : (result as { conversations: unknown[] }).conversations) as { conversation_id: number; last_message: { body: string } | null }[];
        found = list.find((c) => c.last_message?.body === body)?.conversation_id;
        return found;
      })
      .toBeTruthy();
    return found!;
  }

  post(conversationId: number, text: string) {
    return this.call<BridgeView>(BRIDGE_ROUTES.operatorPost, { conversation_id: conversationId, client_msg_id: `op-${Date.now()}-${Math.random().toString(36).slice(2)}`, text });
  }

  async close(): Promise<void> {
    await this.presence(false).catch(() => {});
    await this.context.close();
  }
}

/** A web server of another origin (another port) serving the given pages, with their headers. */
export async function foreignSite(pages: Record<string, { html: string; headers?: Record<string, string> }>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url!, "http://x").pathname;
    if (path === "/favicon.ico") return res.writeHead(204).end();
    const page = pages[path];
    if (!page) return res.writeHead(404).end("not found");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...(page.headers ?? {}) }).end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A small page with the loader tag pointing at `widgetBase`. */
export function sitePage(widgetBase: string, { lang = "en", title = "Partner site", attributes = "" } = {}): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1><p>A page of another website that embeds the livechat.</p>
<script src="${widgetBase}${LOADER_PATH}" data-channel-id="1" data-typing-delay="0" ${attributes} async></script></body></html>`;
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical findings inside the widget (it pierces open shadow roots). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ include: [".chatbot-bridge-root"] }, { resultTypes: ["violations"] });
    return result.violations;
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`);
}
