// The admin app's translatable texts: OWL templates (text nodes and translatable attributes,
// as OWL's translateFn sees them) and `_t("...")` calls. Keeps the addon's shared catalogs
// complete without touching other entries:
//
//   node --import tsx scripts/admin-i18n.ts            adds missing msgids to the .pot and ro.po
//   node --import tsx scripts/admin-i18n.ts --ro FILE  also fills empty ro.po msgstr from a JSON {msgid: msgstr}
//   node --import tsx scripts/admin-i18n.ts --check    exits 1 when a text is missing or untranslated
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { parsePo, poQuote } from "../src/admin/i18n/po.ts";
import { normalizeMsgid } from "../src/admin/i18n/translate.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const ADMIN = join(ROOT, "src/admin");
export const I18N_DIR = join(ROOT, "addon/livechat_chatbot_bridge/i18n");
export const POT = join(I18N_DIR, "livechat_chatbot_bridge.pot");
export const RO_PO = join(I18N_DIR, "ro.po");
/** As Odoo exports a JavaScript term: Odoo's .po reader needs the line number (0: unknown). */
const REFERENCE = "#. module: livechat_chatbot_bridge\n#. odoo-javascript\n#: code:addons/livechat_chatbot_bridge/static/admin/admin.js:0";
/** Modules that only run in a bundle (Vite-only imports or Odoo globals). */
const BUNDLE_ONLY = new Set(["main.ts", "odoo/client_action.ts", "i18n/catalogs.ts"]);
const TRANSLATABLE_ATTRS = ["alt", "aria-label", "aria-placeholder", "aria-roledescription", "aria-valuetext", "label", "placeholder", "title"];

function adminFiles(dir = ADMIN): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? adminFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

/** Texts a person reads: at least one letter. */
const isText = (text: string) => /\p{L}/u.test(text);

function templateTerms(xmlText: string, out: Set<string>) {
  const doc = new DOMParser().parseFromString(`<root>${xmlText}</root>`, "text/xml");
  const walk = (node: Node, translate: boolean) => {
    if (node.nodeType === 3) {
      const text = normalizeMsgid(node.nodeValue ?? "");
      if (translate && text && isText(text)) out.add(text);
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const on = translate && el.getAttribute("t-translation") !== "off";
    // On a component (capitalised tag) attributes are props: expressions, not texts.
    const isComponent = /^[A-Z]/.test(el.tagName);
    for (const attr of isComponent ? [] : TRANSLATABLE_ATTRS) {
      const value = el.getAttribute(attr);
      if (on && value && isText(value)) out.add(normalizeMsgid(value));
    }
    el.childNodes.forEach((child) => walk(child, on));
  };
  walk(doc.documentElement, true);
}

function codeTerms(source: string, out: Set<string>) {
  const pattern = /_t\(\s*(["'])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const match of source.matchAll(pattern)) out.add(normalizeMsgid(match[2]!.replace(/\\(["'\\])/g, "$1")));
}

/** Every translatable text of the admin app, sorted. Needs a DOM (jsdom in Node). */
export async function adminTerms(): Promise<string[]> {
  const owl = await import("@odoo/owl");
  const terms = new Set<string>();
  const before = new Set(Object.keys(templatesOf(owl)));
  for (const file of adminFiles()) {
    const rel = relative(ADMIN, file);
    codeTerms(readFileSync(file, "utf8"), terms);
    if (!BUNDLE_ONLY.has(rel)) await import(pathToFileURL(file).href);
  }
  for (const [name, xmlText] of Object.entries(templatesOf(owl))) if (!before.has(name) && typeof xmlText === "string") templateTerms(xmlText, terms);
  const { DYNAMIC_TERMS } = await import("../src/admin/i18n/dynamic_terms.ts");
  for (const term of DYNAMIC_TERMS) terms.add(normalizeMsgid(term));
  return [...terms].sort();
}

function templatesOf(owl: typeof import("@odoo/owl")): Record<string, unknown> {
  class Probe extends owl.Component {
    static override template = owl.xml`<div/>`;
  }
  const app = new owl.App(Probe);
  const all: Record<string, unknown> = {};
  for (const key in app.rawTemplates) all[key] = app.rawTemplates[key];
  return all;
}

function entry(msgid: string, msgstr = ""): string {
  return `\n${REFERENCE}\nmsgid ${poQuote(msgid)}\nmsgstr ${poQuote(msgstr)}\n`;
}

/** Appends entries for missing msgids; with `translations`, also fills empty msgstr in place. */
function mergeCatalog(file: string, terms: string[], translations?: Record<string, string>): number {
  let text = readFileSync(file, "utf8");
  const existing = parsePo(text);
  const present = new Set([...text.matchAll(/^msgid "((?:\\.|[^"\\])*)"$/gm)].map((m) => m[1]!.replace(/\\(["\\])/g, "$1").replace(/\\n/g, "\n")));
  let changed = 0;
  if (translations) {
    for (const term of terms) {
      const value = translations[term];
      if (!value || existing.get(term)) continue;
      const emptyEntry = `msgid ${poQuote(term)}\nmsgstr ""\n`;
      if (text.includes(emptyEntry)) {
        text = text.replace(emptyEntry, `msgid ${poQuote(term)}\nmsgstr ${poQuote(value)}\n`);
        changed++;
      }
    }
  }
  const missing = terms.filter((t) => !present.has(t));
  if (missing.length) {
    if (!text.endsWith("\n")) text += "\n";
    text += missing.map((t) => entry(t, translations?.[t] ?? "")).join("");
    changed += missing.length;
  }
  if (changed) writeFileSync(file, text);
  return changed;
}

async function main() {
  await import("../tests/support/dom-setup.ts");
  const terms = await adminTerms();
  const args = process.argv.slice(2);
  if (args.includes("--check")) {
    const pot = parsePo(readFileSync(POT, "utf8").replace(/msgstr ""/g, 'msgstr "x"'));
    const ro = parsePo(readFileSync(RO_PO, "utf8"));
    const missing = terms.filter((t) => !pot.has(t));
    const untranslated = terms.filter((t) => !ro.get(t));
    for (const t of missing) console.log(`missing in .pot: ${t}`);
    for (const t of untranslated) console.log(`untranslated in ro.po: ${t}`);
    console.log(`${terms.length} texts, ${missing.length} missing, ${untranslated.length} untranslated`);
    process.exit(missing.length || untranslated.length ? 1 : 0);
  }
  const roFile = args[args.indexOf("--ro") + 1];
  const translations = args.includes("--ro") && roFile ? (JSON.parse(readFileSync(roFile, "utf8")) as Record<string, string>) : undefined;
  console.log(`${terms.length} texts; .pot +${mergeCatalog(POT, terms)}; ro.po +${mergeCatalog(RO_PO, terms, translations)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
