// Every bundle the project builds, in one place. `scripts/build.ts` builds them all
// (`npm run build`, or `npm run build -- <name>`); `vite` alone serves the admin app for development.
import { defineConfig, type InlineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { adminBuilds } from "./scripts/vite/admin-builds.ts";
import { owlTemplates } from "./scripts/vite/owl-templates.ts";
import { poCatalog } from "./scripts/vite/po-catalog.ts";

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

/** The visitor widget: both bundles are classic scripts (IIFE) so they load from any origin under a strict CSP. */
const widgetDist = path("addon/livechat_chatbot_bridge/static/dist");
function widgetBuild(entry: string, fileName: string): InlineConfig {
  return {
    configFile: false,
    root,
    logLevel: "warn",
    plugins: [owlTemplates(), poCatalog()],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir: widgetDist,
      emptyOutDir: false,
      target: "es2020",
      minify: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: path(entry), formats: ["iife"], name: fileName.replace(/\W/g, "_"), fileName: () => fileName },
    },
  };
}
builds["widget-loader"] = widgetBuild("src/livechat/loader/loader.ts", "loader.js");
builds["widget-chat"] = widgetBuild("src/livechat/chat/main.ts", "chat.js");

Object.assign(builds, adminBuilds(path));

export default defineConfig({ root });
