// The Odoo build of the admin app in a page set up like Odoo's web client: OWL as the global
// `owl` (Odoo's copy, not bundled), framework modules in `odoo.loader.modules`. The bundle
// registers the client action `livechat_chatbot_bridge.admin` in the "actions" registry, even
// when the registry starts after it, and the action runs the app against the server's ORM.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, expect, type Page } from "@playwright/test";
import { baseUrl, expectAccessible, orm, ROOT } from "./support/admin.ts";

const OWL = createRequire(import.meta.url).resolve("@odoo/owl/dist/owl.iife.js");
const BUNDLE = `${ROOT}addon/livechat_chatbot_bridge/static/admin/`;
const TAG = "livechat_chatbot_bridge.admin";

/** A page where Odoo's pieces are what the bundle expects; `registryFirst` sets the load order. */
function hostPage(registryFirst: boolean): string {
  const registry = `
    const categories = new Map();
    const registry = { category(name) { if (!categories.has(name)) { const items = new Map(); categories.set(name, { add(key, value) { items.set(key, value); return this; }, get: (key) => items.get(key), contains: (key) => items.has(key) }); } return categories.get(name); } };
    odoo.loader.modules.set("@web/core/registry", { registry });
    odoo.loader.bus.dispatchEvent(new CustomEvent("module-started", { detail: { moduleName: "@web/core/registry" } }));
    window.__registry = registry;`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Odoo</title>
    <link rel="stylesheet" href="/__odoo_host__/admin.css">
    <script src="/__odoo_host__/owl.js"></script>
    <script>window.odoo = { loader: { modules: new Map(), bus: new EventTarget() } };
      odoo.loader.modules.set("@web/session", { session: { user_context: { lang: "en_US", tz: "UTC" } } });
      ${registryFirst ? registry : ""}</script>
    <script src="/__odoo_host__/admin.js"></script>
    <script>${registryFirst ? "" : registry}</script>
    </head><body><main id="action"></main></body></html>`;
}

async function openHost(page: Page, registryFirst: boolean) {
  const api = await orm();
  await page.context().addCookies([{ name: "session_id", value: api.transport.sessionId!, url: baseUrl() }]);
  await page.route("**/__odoo_host__/**", async (route) => {
    const name = new URL(route.request().url()).pathname.split("/").pop()!;
    if (name === "index.html") return route.fulfill({ contentType: "text/html", body: hostPage(registryFirst) });
    if (name === "owl.js") return route.fulfill({ contentType: "text/javascript", body: readFileSync(OWL) });
    return route.fulfill({ contentType: name.endsWith(".css") ? "text/css" : "text/javascript", body: readFileSync(BUNDLE + name) });
  });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${baseUrl()}/__odoo_host__/index.html`);
  return errors;
}

test("the Odoo bundle leaves OWL out, ships unminified and starts as a plain script", () => {
  const source = readFileSync(`${BUNDLE}admin.js`, "utf8");
  expect(source).not.toMatch(/^\s*\/[/*]\s*@odoo-module/);
  expect(source).toContain("_odoo_owl");
  expect(source).not.toContain("class OwlError");
  expect(source.split("\n").length).toBeGreaterThan(1000);
  expect(source).not.toMatch(/^\s*(import|export)\s/m);
});

for (const registryFirst of [true, false]) {
  test(`the client action registers itself and runs the app (registry ${registryFirst ? "before" : "after"} the bundle)`, async ({ page }) => {
    const errors = await openHost(page, registryFirst);
    const hasAction = await page.evaluate((tag) => (window as unknown as { __registry: { category(n: string): { contains(k: string): boolean } } }).__registry.category("actions").contains(tag), TAG);
    expect(hasAction).toBe(true);
    // Odoo renders the action component inside its own OWL app; do the same.
    await page.evaluate((tag) => {
      const w = window as unknown as { owl: { App: new (c: unknown, o: object) => { mount(el: Element): Promise<unknown> } }; __registry: { category(n: string): { get(k: string): unknown } } };
      const Action = w.__registry.category("actions").get(tag);
      return new w.owl.App(Action, { props: { action: {} } }).mount(document.getElementById("action")!);
    }, TAG);
    await expect(page.getByRole("link", { name: "Welcome Bot" })).toBeVisible();
    await expect(page.locator(".o_embedded_navbar")).toBeVisible();
    await expectAccessible(page, "the app inside the Odoo-like page");
    await expect(page.getByRole("link", { name: "Inbox" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
    const url = page.url();
    await page.getByRole("link", { name: "Welcome Bot" }).click();
    await expect(page.getByLabel("Chatbot Name")).toHaveValue("Welcome Bot");
    expect(page.url(), "the URL belongs to Odoo: routes stay in memory").toBe(url);
    await page.getByRole("link", { name: "Chatbots" }).first().click();
    await expect(page.getByRole("button", { name: "New" })).toBeVisible();
    expect(errors).toEqual([]);
  });
}

test("an action with a path opens that screen: the chatbot form's Test button lands on the Test screen", async ({ page }) => {
  const errors = await openHost(page, true);
  await page.evaluate((tag) => {
    const w = window as unknown as { owl: { App: new (c: unknown, o: object) => { mount(el: Element): Promise<unknown> } }; __registry: { category(n: string): { get(k: string): unknown } } };
    const Action = w.__registry.category("actions").get(tag);
    return new w.owl.App(Action, { props: { action: { params: { path: "/chatbots/1/test", script_id: 1 } } } }).mount(document.getElementById("action")!);
  }, TAG);
  await expect(page.getByText("Welcome to CompanyName!")).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to edit mode" })).toBeVisible();
  expect(errors).toEqual([]);
});
