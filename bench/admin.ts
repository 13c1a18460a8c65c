// Admin rows of `npm run bench`, measured in Chromium against a real embedded ERP: time to
// render the Script tab of a 500-step chatbot, time for one step to move on screen after a
// reorder (keyboard on the row handle; the save to the server follows and is not counted),
// and the gzip size of both admin bundles.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { build } from "vite";
import { builds } from "../vite.config.ts";
import { OdooClient } from "../src/rpc/index.ts";
import { launchOptions } from "../tests/support/chromium.ts";
import { startServer } from "../tests/support/server.ts";
import type { BenchRow } from "./table.ts";

const GROUP = "admin";
const RUNS = Number(process.env.BENCH_ADMIN_RUNS ?? 7);
const STEPS = 500;
const GOAL_MS = 200;
const ROOT = new URL("../", import.meta.url).pathname;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
function spread(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.75)]! - sorted[Math.floor(sorted.length * 0.25)]!;
}

function gzipOf(files: string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
}

/** A script of STEPS steps: every tenth a question whose answers condition the next steps. */
async function bigScript(orm: OdooClient): Promise<number> {
  const steps: unknown[] = [];
  for (let i = 0; i < STEPS; i++) {
    const question = i % 10 === 0;
    steps.push([
      0,
      0,
      {
        sequence: i,
        step_type: question ? "question_selection" : "text",
        message: question ? `Question ${i}?` : `Line ${i} of the script`,
        ...(question ? { answer_ids: [[0, 0, { name: `Yes ${i}` }], [0, 0, { name: `No ${i}` }]] } : {}),
      },
    ]);
  }
  return orm.create("chatbot.script", { title: `Bench Bot ${Date.now()}`, script_step_ids: steps });
}

/** Milliseconds from running `start` to the moment `done` holds in the page, checked every frame. */
async function timeInPage(page: Page, start: string, done: string): Promise<number> {
  // Plain page-side source (no transpiled helpers can leak into it).
  return page.evaluate(`new Promise((resolve, reject) => {
    const began = performance.now();
    ${start};
    function check() {
      if (${done}) resolve(performance.now() - began);
      else if (performance.now() - began > 30000) reject(new Error("timed out"));
      else requestAnimationFrame(check);
    }
    requestAnimationFrame(check);
  })`) as Promise<number>;
}

export async function adminRows(): Promise<BenchRow[]> {
  await build({ ...builds.admin, logLevel: "silent" });
  await build({ ...builds["admin-odoo"], logLevel: "silent" });
  const assets = join(ROOT, "dist/admin/assets");
  const standalone = readdirSync(assets).map((f) => join(assets, f));
  const odooBundle = readdirSync(join(ROOT, "addon/livechat_chatbot_bridge/static/admin")).map((f) => join(ROOT, "addon/livechat_chatbot_bridge/static/admin", f));

  const server = await startServer();
  const browser = await chromium.launch(launchOptions());
  try {
    const orm = new OdooClient({ baseUrl: server.baseUrl, cookieJar: true });
    await orm.authenticate("chatbot_bridge", "admin", "admin");
    const scriptId = await bigScript(orm);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: "session_id", value: orm.transport.sessionId!, url: server.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/web/chatbots/${scriptId}`);
    await page.locator(".o_script_steps .o_data_row").nth(STEPS - 1).waitFor();

    const render: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.click("#o_tab_flow");
      await page.locator(".o_flow_view").waitFor();
      render.push(
        await timeInPage(page, `document.getElementById("o_tab_script").click()`, `document.querySelectorAll(".o_script_steps .o_data_row").length === ${STEPS}`),
      );
    }

    const reorder: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const row = 250 + (i % 2);
      const id = await page.locator(".o_script_steps .o_data_row").nth(row).getAttribute("data-step-id");
      reorder.push(
        await timeInPage(
          page,
          `document.querySelector('.o_script_steps [data-step-id="${id}"] .o_row_handle').dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }))`,
          `document.querySelectorAll(".o_script_steps .o_data_row")[${row + 1}].dataset.stepId === "${id}"`,
        ),
      );
      // Let the save and the reload that follow finish before the next move.
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
    }
    await context.close();
    return [
      { group: GROUP, name: `render Script tab, ${STEPS} steps (Chromium)`, value: median(render), unit: "ms", spread: spread(render), target: GOAL_MS },
      { group: GROUP, name: `reorder one step of ${STEPS} on screen (Chromium)`, value: median(reorder), unit: "ms", spread: spread(reorder), target: GOAL_MS },
      { group: GROUP, name: "standalone bundle (JS + CSS, OWL included), gzip", value: Math.round(gzipOf(standalone) / 102.4) / 10, unit: "KiB" },
      { group: GROUP, name: "Odoo bundle (unminified, OWL external), gzip", value: Math.round(gzipOf(odooBundle) / 102.4) / 10, unit: "KiB" },
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
