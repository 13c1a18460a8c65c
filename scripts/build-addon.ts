// `npm run build:addon`: builds every bundle (the visitor widget into static/dist, the admin
// app into static/admin), checks that the module has every file its manifest names, and
// writes dist/livechat_chatbot_bridge-<version>.zip, the folder an admin drops into an
// Odoo addons path. The git tree never holds this output.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ADDONS_DIR, ADDON_DIR, ADDON_NAME, ROOT, assetFile, assetPaths, python, readManifest, startsWithOdooModuleComment } from "./addon/manifest.ts";
import { LOADER_PATH } from "../src/protocol/bridge.ts";

if (!process.argv.includes("--no-build")) {
  execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/build.ts")], { cwd: ROOT, stdio: "inherit" });
}

const manifest = readManifest();
const missing = [
  ...(manifest.data ?? []).map((file) => join(ADDON_DIR, file)),
  ...assetPaths(manifest).map(assetFile).filter((file): file is string => file !== null),
  join(ADDONS_DIR, LOADER_PATH.slice(1)),
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

const outDir = join(ROOT, "dist");
const zipPath = join(outDir, `${ADDON_NAME}-${manifest.version}.zip`);
mkdirSync(outDir, { recursive: true });
rmSync(zipPath, { force: true });
// Python's zipfile: present wherever the module is checked, unlike the zip command.
const zipScript = `
import os, sys, zipfile
base, name, out = sys.argv[1:4]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as archive:
    for folder, dirs, files in os.walk(os.path.join(base, name)):
        dirs[:] = sorted(d for d in dirs if d != '__pycache__')
        for file in sorted(files):
            if file.endswith(('.pyc', '.pyo')):
                continue
            path = os.path.join(folder, file)
            archive.write(path, os.path.relpath(path, base))
`;
execFileSync(python(), ["-c", zipScript, ADDONS_DIR, ADDON_NAME, zipPath], { stdio: "inherit" });
console.log(`wrote ${zipPath.slice(ROOT.length)} (${ADDON_NAME} ${manifest.version}: Odoo reports it as 17.0.${manifest.version} or 18.0.${manifest.version})`);
