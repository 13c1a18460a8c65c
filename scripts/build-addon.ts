// `npm run build:addon`: builds every bundle (the visitor widget into static/dist, the admin
// app into static/admin), checks that the module has every file its manifest names, and
// writes dist/livechat_chatbot_bridge-<version>.zip: the module folder and its auto-install
// glue (livechat_chatbot_bridge_crm), what an admin drops into an Odoo addons path. The git
// tree never holds this output.
//
//   --no-build   zip the bundles already built (npm run build)
//   --out DIR    write the zip into DIR instead of dist/
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { ADDONS_DIR, ADDON_DIR, ADDON_NAME, MODULE_NAMES, ROOT, assetFile, assetPaths, python, readManifest, startsWithOdooModuleComment } from "./addon/manifest.ts";
import { LOADER_PATH } from "../src/protocol/bridge.ts";

const outIndex = process.argv.indexOf("--out");
const outDir = outIndex >= 0 && process.argv[outIndex + 1] ? resolve(process.argv[outIndex + 1]!) : join(ROOT, "dist");

if (!process.argv.includes("--no-build")) {
  execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/build.ts")], { cwd: ROOT, stdio: "inherit" });
}

const manifest = readManifest();
const missing = [
  ...(manifest.data ?? []).map((file) => join(ADDON_DIR, file)),
  ...assetPaths(manifest).map(assetFile).filter((file): file is string => file !== null),
  join(ADDONS_DIR, LOADER_PATH.slice(1)),
  ...MODULE_NAMES.map((name) => join(ADDONS_DIR, name, "__manifest__.py")),
].filter((file) => !existsSync(file));
if (missing.length) {
  console.error(`The module is incomplete; missing:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}

const moduleComment = assetPaths(manifest)
  .filter((path) => path.endsWith(".js"))
  .filter((path) => startsWithOdooModuleComment(readFileSync(assetFile(path)!, "utf8")));
if (moduleComment.length) {
  console.error(`These built scripts start with an @odoo-module comment, which breaks Odoo 17's backend bundle:\n  ${moduleComment.join("\n  ")}`);
  process.exit(1);
}

const zipPath = join(outDir, `${ADDON_NAME}-${manifest.version}.zip`);
mkdirSync(outDir, { recursive: true });
rmSync(zipPath, { force: true });
// Python's zipfile: present wherever the module is checked, unlike the zip command.
const zipScript = `
import os, sys, zipfile
base, out, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as archive:
    for name in names:
        for folder, dirs, files in os.walk(os.path.join(base, name)):
            dirs[:] = sorted(d for d in dirs if d != '__pycache__')
            for file in sorted(files):
                if file.endswith(('.pyc', '.pyo')):
                    continue
                path = os.path.join(folder, file)
                archive.write(path, os.path.relpath(path, base))
`;
execFileSync(python(), ["-c", zipScript, ADDONS_DIR, zipPath, ...MODULE_NAMES], { stdio: "inherit" });
const shown = zipPath.startsWith(ROOT) ? zipPath.slice(ROOT.length) : zipPath;
console.log(`wrote ${shown} (${MODULE_NAMES.join(", ")} ${manifest.version}: Odoo reports it as 17.0.${manifest.version} or 18.0.${manifest.version})`);
