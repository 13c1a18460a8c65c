// Runs the unit tests bundle (dist-tests, built by `npm run build`) in Chromium and prints
// "N passed, N failed, N skipped". A run with no test fails.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { launchOptions } from "../tests/support/chromium.ts";

const DIST = new URL("../dist-tests/", import.meta.url).pathname;
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = path === "/" ? "index.html" : path;
  try {
    const body = await readFile(join(DIST, file));
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch(launchOptions());
let exitCode = 1;
try {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => window.__qunitDone, null, { timeout: 300_000 });
  const done = await page.evaluate(() => window.__qunitDone!);
  for (const failure of done.failures) console.log(`not ok - ${failure}`);
  console.log(`${done.passed} passed, ${done.failed} failed, ${done.skipped} skipped`);
  exitCode = done.failed === 0 && done.passed > 0 ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(exitCode);
