// The Odoo module's manifest as data: `__manifest__.py` is a Python literal, so Python itself
// reads it (python3 is on every machine that builds or checks the module).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const ADDON_NAME = "livechat_chatbot_bridge";
/** Auto-install glue modules beside the main one: each depends on it and on one Odoo module. */
export const GLUE_MODULES: { name: string; needs: string }[] = [{ name: "livechat_chatbot_bridge_crm", needs: "crm_livechat" }];
/** Every module folder the zip carries. */
export const MODULE_NAMES = [ADDON_NAME, ...GLUE_MODULES.map((glue) => glue.name)];
export const ADDONS_DIR = join(ROOT, "addon");
export const ADDON_DIR = join(ADDONS_DIR, ADDON_NAME);

export interface Manifest {
  name: string;
  version: string;
  license: string;
  depends: string[];
  data?: string[];
  assets?: Record<string, (string | string[])[]>;
  installable?: boolean;
  [key: string]: unknown;
}

export function python(): string {
  return existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

export function readManifest(dir = ADDON_DIR): Manifest {
  const script = "import ast, json, sys; print(json.dumps(ast.literal_eval(open(sys.argv[1], encoding='utf-8').read())))";
  return JSON.parse(execFileSync(python(), ["-c", script, join(dir, "__manifest__.py")], { encoding: "utf8" })) as Manifest;
}

/** Paths of `assets` entries (directives such as ("include", bundle) name no file). */
export function assetPaths(manifest: Manifest): string[] {
  const paths: string[] = [];
  for (const entries of Object.values(manifest.assets ?? {})) {
    for (const entry of entries) {
      if (typeof entry === "string") paths.push(entry);
      else if (entry[0] !== "include") paths.push(entry[entry.length - 1]!);
    }
  }
  return paths;
}

/** `<module>/static/...` asset path → file on disk (only this module's own assets). */
export function assetFile(assetPath: string): string | null {
  return assetPath.startsWith(`${ADDON_NAME}/`) ? join(ADDONS_DIR, assetPath) : null;
}

/**
 * True when a built script starts with an `@odoo-module` comment. Odoo 17 transpiles such a
 * file as an ES module (it does not know "ignore") and refuses it outside static/src, which
 * breaks the whole bundle; 18 skips it. Prebuilt assets must be plain scripts.
 */
export function startsWithOdooModuleComment(source: string): boolean {
  return /^\s*\/(\*|\/).*@odoo-module/.test(source.slice(0, 400));
}
