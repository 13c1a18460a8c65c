// Builds every bundle of vite.config.ts (or the ones named on the command line).
// `--if-missing` (run before `npm start`) builds the product's bundles only when one is absent,
// so a fresh clone serves the admin app and the widget without a separate build step.
import { existsSync } from "node:fs";
import { build } from "vite";
import { builds } from "../vite.config.ts";

const PRODUCT_OUTPUTS = [
  "dist/admin/index.html",
  "addon/livechat_chatbot_bridge/static/dist/loader.js",
  "addon/livechat_chatbot_bridge/static/dist/chat.js",
  "addon/livechat_chatbot_bridge/static/admin/admin.js",
];

const args = process.argv.slice(2);
const ifMissing = args.includes("--if-missing");
let names = args.filter((arg) => !arg.startsWith("--"));
if (ifMissing) {
  const root = new URL("../", import.meta.url);
  if (PRODUCT_OUTPUTS.every((file) => existsSync(new URL(file, root)))) process.exit(0);
  names = Object.keys(builds).filter((name) => name !== "unit-tests");
  console.log("Building the admin app and the widget once (npm run build rebuilds them)...");
}
if (names.length === 0) names = Object.keys(builds);
for (const name of names) {
  const config = builds[name];
  if (!config) throw new Error(`Unknown build ${name}; known: ${Object.keys(builds).join(", ")}`);
  const started = Date.now();
  await build(config);
  console.log(`built ${name} in ${Date.now() - started} ms`);
}
