// The admin app's two bundles: `admin`, the standalone app (OWL bundled) served at /web from
// dist/admin; `admin-odoo`, an unminified IIFE for Odoo's web.assets_backend with `@odoo/owl`
// left external (Odoo's own OWL, the global `owl`), registering the client action.
import type { InlineConfig } from "vite";

export function adminBuilds(path: (p: string) => string): Record<string, InlineConfig> {
  return {
    admin: {
      configFile: false,
      root: path("static/web"),
      base: "/web/",
      logLevel: "warn",
      define: { "process.env.NODE_ENV": JSON.stringify("production") },
      build: { outDir: path("dist/admin"), emptyOutDir: true, target: "es2022", reportCompressedSize: false, chunkSizeWarningLimit: 1000 },
    },
    "admin-odoo": {
      configFile: false,
      root: path("."),
      logLevel: "warn",
      define: { "process.env.NODE_ENV": JSON.stringify("production") },
      build: {
        outDir: path("addon/livechat_chatbot_bridge/static/admin"),
        emptyOutDir: true,
        copyPublicDir: false,
        // Odoo minifies its bundles itself; pre-minified code trips its regex minifier.
        minify: false,
        target: "es2022",
        reportCompressedSize: false,
        lib: {
          entry: path("src/admin/odoo/client_action.ts"),
          formats: ["iife"],
          name: "LivechatChatbotBridgeAdmin",
          fileName: () => "admin.js",
          cssFileName: "admin",
        },
        rollupOptions: {
          external: ["@odoo/owl"],
          // No "@odoo-module" banner: Odoo 17 would take the file for an ES module and refuse
          // it outside static/src; without it both 17 and 18 load it as a plain script.
          output: { globals: { "@odoo/owl": "owl" } },
        },
      },
    },
  };
}
