// Vite plugin: `import "./x.xml"` compiles every `<t t-name>` of the file with OWL's own
// compiler at build time and registers the resulting functions, so the browser never
// evaluates template strings (works under a Content-Security-Policy without 'unsafe-eval').
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { JSDOM } from "jsdom";
import type { Plugin } from "vite";

type CompileFn = (template: Element, options: { name: string }) => (...args: unknown[]) => unknown;

let compiler: { compile: CompileFn; window: JSDOM["window"] } | undefined;

/** OWL's compiler parses with DOMParser and tests `instanceof Element`, so it needs a DOM. */
function loadCompiler() {
  if (compiler) return compiler;
  const { window } = new JSDOM("<!doctype html><html><body></body></html>");
  const g = globalThis as Record<string, unknown>;
  for (const name of ["DOMParser", "Node", "Element", "Text", "Comment", "Document", "XMLSerializer"]) g[name] ??= (window as unknown as Record<string, unknown>)[name];
  g.document ??= window.document;
  const require = createRequire(import.meta.url);
  const { compile } = require("@odoo/owl/dist/compiler.js") as { compile: CompileFn };
  compiler = { compile, window };
  return compiler;
}

/** JS module source registering each template of `xml` under its `t-name`. */
export function compileTemplateFile(xml: string, file: string): string {
  const { compile, window } = loadCompiler();
  const doc = new window.DOMParser().parseFromString(xml, "text/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`${file}: invalid XML: ${error.textContent}`);
  const lines = [`import { App } from "@odoo/owl";`];
  const names: string[] = [];
  for (const element of Array.from(doc.querySelectorAll("[t-name]"))) {
    const name = element.getAttribute("t-name")!;
    const fn = compile(element as unknown as Element, { name });
    lines.push(`App.registerTemplate(${JSON.stringify(name)}, ${fn.toString()});`);
    names.push(name);
  }
  if (!names.length) throw new Error(`${file}: no <t t-name> template`);
  lines.push(`export default ${JSON.stringify(names)};`);
  return lines.join("\n");
}

export function owlTemplates(): Plugin {
  return {
    name: "owl-precompiled-templates",
    enforce: "pre",
    load(id) {
      const file = id.split("?")[0]!;
      if (!file.endsWith(".xml")) return null;
      return compileTemplateFile(readFileSync(file, "utf8"), file);
    },
  };
}
