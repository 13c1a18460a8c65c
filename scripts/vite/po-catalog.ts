// Vite plugin: `import catalog from "…/ro.po"` gives the browser strings of the file (entries
// referenced from a `/static/` path, as Odoo sends to its web client) as a plain
// object { msgid: msgstr } at build time, so .po files stay the single source of UI strings.
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";
import { parsePo } from "../../src/livechat/i18n/po.ts";

export function poCatalog(): Plugin {
  return {
    name: "po-catalog",
    enforce: "pre",
    load(id) {
      const file = id.split("?")[0]!;
      if (!file.endsWith(".po")) return null;
      return `export default ${JSON.stringify(parsePo(readFileSync(file, "utf8"), "/static/"))};`;
    },
  };
}
