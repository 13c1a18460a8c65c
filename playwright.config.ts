// Playwright e2e tests in Chromium against the embedded ERP, started once on an ephemeral port
// by tests/e2e/global-setup.ts (which sets BASE_URL for the workers).
import { defineConfig } from "@playwright/test";
import { launchOptions } from "./tests/support/chromium.ts";

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./tests/e2e/global-setup.ts",
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  reporter: [["list"], ["./tests/support/playwright-summary.ts"]],
  use: {
    browserName: "chromium",
    launchOptions: launchOptions(),
    screenshot: "only-on-failure",
  },
});
