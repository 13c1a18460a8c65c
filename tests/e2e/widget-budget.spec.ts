// Size budget, from a real page load: the loader is at most 5 KB gzip, and bubble plus chat
// stay under 50 KB gzip once the chat is open. Nothing but the loader loads before that.
import { expect, test } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { LOADER_PATH } from "../../src/protocol/bridge.ts";
import { baseUrl, fastWidget, widget } from "./support/widget.ts";

const DIST = LOADER_PATH.replace(/loader\.js$/, "");

test("widget size budget: loader ≤ 5 KB gzip, loader + chat < 50 KB gzip, chat only once opened", async ({ page }) => {
  await fastWidget(page);
  const loaded = new Map<string, number>();
  // Bodies are read after the response event: every read is awaited before sizes are checked.
  const reads: Promise<void>[] = [];
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith(DIST)) return;
    reads.push(response.body().then((body) => void loaded.set(path.slice(DIST.length), gzipSync(body, { level: 9 }).length)));
  });
  const settled = () => Promise.all(reads);
  await page.goto(`${baseUrl()}/contactus`);
  const w = widget(page);
  await expect(w.bubble).toBeVisible();
  await page.waitForLoadState("networkidle");
  await settled();
  expect([...loaded.keys()]).toEqual(["loader.js"]);
  expect(loaded.get("loader.js")!).toBeLessThanOrEqual(5 * 1024);
  await w.bubble.click();
  await expect(w.answers).toHaveCount(3);
  await settled();
  expect([...loaded.keys()].sort()).toEqual(["chat.js", "loader.js"]);
  expect(loaded.get("loader.js")! + loaded.get("chat.js")!).toBeLessThan(50 * 1024);
});
