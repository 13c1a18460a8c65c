// Finds a Chromium for Playwright: CHROMIUM_PATH, then Debian's /usr/bin/chromium, then
// Playwright's own download. Says exactly how to get one when none is there.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined; // Playwright's own browser: no executablePath needed
  } catch {
    /* not installed */
  }
  throw new Error(
    "No Chromium found. Install one of:\n" +
      "  - Debian/Ubuntu: sudo apt-get install -y chromium   (then it is found at /usr/bin/chromium)\n" +
      "  - any OS: npx playwright install chromium\n" +
      "  - or point CHROMIUM_PATH at a Chromium or Chrome binary.",
  );
}

export function launchOptions() {
  const executablePath = findChromium();
  return { headless: true, args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) };
}
