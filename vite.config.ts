// Every bundle the project builds, in one place. `scripts/build.ts` builds them all
// (`npm run build`, or `npm run build -- <name>`); `vite` alone serves the admin app for development.
import { defineConfig, type InlineConfig } from "vite";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export const builds: Record<string, InlineConfig> = {
  /** The unit tests as one page, run in Chromium by scripts/qunit-browser.ts. */
  "unit-tests": {
    configFile: false,
    root: path("tests/browser"),
    base: "./",
    logLevel: "warn",
    build: { outDir: path("dist-tests"), emptyOutDir: true, minify: false, target: "es2022", chunkSizeWarningLimit: 100_000 },
  },
};

export default defineConfig({ root });
