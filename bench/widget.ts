// Widget rows of `npm run bench`, measured from real page loads of /contactus in Chromium
// against a real embedded ERP: bytes of the widget's scripts (gzip) before and after the chat
// opens, time from navigation to the bubble on screen, and time from the click on the bubble
// to the first bot message (typing delay off: the cost of loading, mounting and rendering).
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { build } from "vite";
import { builds } from "../vite.config.ts";
import { LOADER_PATH } from "../src/protocol/bridge.ts";
import { OPTIONS_GLOBAL } from "../src/livechat/shared/chat-contract.ts";
import { launchOptions } from "../tests/support/chromium.ts";
import { startServer } from "../tests/support/server.ts";
import type { BenchRow } from "./table.ts";

const GROUP = "widget";
const RUNS = Number(process.env.BENCH_WIDGET_RUNS ?? 7);
const KB = 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function spread(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.75)]! - sorted[Math.floor(sorted.length * 0.25)]!;
}

interface Run {
  beforeGzip: number;
  afterGzip: number;
  bubbleMs: number;
  firstMessageMs: number;
}

async function measure(page: Page, url: string): Promise<Run> {
  const scripts = new Map<string, number>();
  // Bodies are read after the response event: every read is awaited before sizes are summed.
  const reads: Promise<void>[] = [];
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith(LOADER_PATH.replace("loader.js", ""))) return;
    reads.push(response.body().then((body) => void scripts.set(path, gzipSync(body, { level: 9 }).length)));
  });
  await page.addInitScript((name) => {
    (window as unknown as Record<string, unknown>)[name] = { typingDelay: 0 };
    // The moment the widget's host element lands in the page (its shadow root holds the bubble).
    new MutationObserver((_records, observer) => {
      if (document.querySelector(".chatbot-bridge-root")) {
        (window as unknown as { __bubbleAt: number }).__bubbleAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, OPTIONS_GLOBAL);
  await page.goto(url);
  const bubble = page.locator(".chatbot-bridge-root button.bubble");
  await bubble.waitFor();
  const bubbleMs = await page.evaluate(() => (window as unknown as { __bubbleAt: number }).__bubbleAt);
  await page.waitForLoadState("networkidle");
  await Promise.all(reads);
  const beforeGzip = [...scripts.values()].reduce((a, b) => a + b, 0);
  // Click (before the rule's own 2 s auto-open) and time until the first bot message shows.
  const clicked = await page.evaluate(() => performance.now());
  await bubble.click();
  await page.locator('.chatbot-bridge-root .message[data-author="bot"]').first().waitFor();
  const firstMessageMs = (await page.evaluate(() => performance.now())) - clicked;
  await page.waitForLoadState("networkidle");
  await Promise.all(reads);
  const afterGzip = [...scripts.values()].reduce((a, b) => a + b, 0);
  return { beforeGzip, afterGzip, bubbleMs, firstMessageMs };
}

export async function widgetRows(): Promise<BenchRow[]> {
  // Measure what the sources build to now, not a stale bundle.
  for (const name of ["widget-loader", "widget-chat"]) await build(builds[name]!);
  const server = await startServer();
  const browser = await chromium.launch(launchOptions());
  try {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      runs.push(await measure(await context.newPage(), `${server.baseUrl}/contactus`));
      await context.close();
    }
    const times = (pick: (r: Run) => number) => runs.map(pick);
    return [
      { group: GROUP, name: "widget JS before opening (gzip)", value: runs[0]!.beforeGzip / KB, unit: "KB", target: 5 },
      { group: GROUP, name: "widget JS after opening (gzip)", value: runs[0]!.afterGzip / KB, unit: "KB", target: 50 },
      { group: GROUP, name: "page load to bubble visible", value: median(times((r) => r.bubbleMs)), unit: "ms", spread: spread(times((r) => r.bubbleMs)) },
      { group: GROUP, name: "click to first bot message", value: median(times((r) => r.firstMessageMs)), unit: "ms", spread: spread(times((r) => r.firstMessageMs)) },
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
