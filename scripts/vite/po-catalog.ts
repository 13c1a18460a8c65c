// Vite plugin: `import catalog from "…/ro.po"` gives the visitor widget's strings of the
// module's catalog (entries referenced from the widget bundles, `static/dist/`; the same .po
// holds the admin app's and the Python strings, as an Odoo module's does) as a plain object
// { msgid: msgstr } at build time, so .po files stay the single source of UI strings.
// `…/ro.po?loader.js` keeps only the entries of that bundle (the loader's few strings: its
// size budget has no room for the chat's).
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";
import { parsePo } from "../../src/livechat/i18n/po.ts";

/** `#:` reference of the widget's strings in the addon's .po files. */
export const WIDGET_REFERENCE = "/static/dist/";

export function poCatalog(): Plugin {
  return {
    name: "po-catalog",
    enforce: "pre",
    load(id) {
      const [file, bundle = ""] = id.split("?");
      if (!file!.endsWith(".po")) return null;
      return `export default ${JSON.stringify(parsePo(readFileSync(file!, "utf8"), WIDGET_REFERENCE + bundle))};`;
    },
  };
}
