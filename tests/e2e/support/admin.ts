// Helpers of the admin e2e tests: logging in through the form, API clients for checks behind
// the screens, axe-core, and screenshots for the docs.
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { BridgeClient, JsonRpcTransport, OdooClient } from "../../../src/rpc/index.ts";

export const ROOT = new URL("../../../", import.meta.url).pathname;
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
export const DB = process.env.ODOO_DB ?? "chatbot_bridge";

export function baseUrl(): string {
  const url = process.env.BASE_URL;
  if (!url) throw new Error("BASE_URL is not set (tests/e2e/global-setup.ts starts the embedded ERP)");
  return url.replace(/\/$/, "");
}

/** Logs in through the app's login form and waits for the Chatbots list. */
export async function login(page: Page, user: string, password = user): Promise<void> {
  await page.goto(`${baseUrl()}/web`);
  await page.getByLabel("Email").fill(user);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("navigation", { name: "Live Chat" })).toBeVisible();
}

/** A logged-in ORM client in Node, to check what the screens stored. */
export async function orm(user = "admin", password = user): Promise<OdooClient> {
  const client = new OdooClient({ baseUrl: baseUrl(), cookieJar: true });
  await client.authenticate(DB, user, password);
  return client;
}

export function visitorBridge(): BridgeClient {
  return new BridgeClient(new JsonRpcTransport({ baseUrl: baseUrl() }));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the whole page: no serious or critical violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe on ${what}`).toEqual([]);
}

/**
 * A screenshot of a main screen, attached to the test's results; with UPDATE_SCREENSHOTS=1 it
 * also replaces the README's copy in docs/screenshots.
 */
export async function docShot(page: Page, name: string): Promise<void> {
  const body = await page.screenshot({ animations: "disabled" });
  await test.info().attach(`admin-${name}.png`, { body, contentType: "image/png" });
  if (process.env.UPDATE_SCREENSHOTS === "1") {
    mkdirSync(`${ROOT}docs/screenshots`, { recursive: true });
    writeFileSync(`${ROOT}docs/screenshots/admin-${name}.png`, body);
  }
}

/** The steps of the Script tab, as their messages in order. */
export function stepRows(page: Page) {
  return page.locator(".o_script_steps .o_data_row");
}

/**
 * Types `text` and submits its form in one go, before the app could render the typed value (a
 * quick typist, autofill or an IME commit followed by Enter): the composer must still empty.
 */
export async function typeAndSubmit(input: Locator, text: string): Promise<void> {
  await input.evaluate((el, value) => {
    const field = el as HTMLInputElement;
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.form!.requestSubmit();
  }, text);
}
