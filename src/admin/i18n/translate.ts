// The app's translation function. Templates are translated by OWL through `translateFn`
// (text nodes and title/placeholder/aria-label attributes); code uses `_t`. Keys are the
// English texts with whitespace collapsed, as they appear in the .pot.

let catalog: Map<string, string> = new Map();
let currentLang = "en_US";

export function normalizeMsgid(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function setCatalog(lang: string, entries: Map<string, string>): void {
  currentLang = lang;
  catalog = entries;
}

export function activeLang(): string {
  return currentLang;
}

/** Translates `text`, then fills each `%s` with the next value. */
export function _t(text: string, ...values: (string | number)[]): string {
  const translated = catalog.get(normalizeMsgid(text)) ?? text;
  let index = 0;
  return values.length ? translated.replace(/%s/g, () => String(values[index++] ?? "")) : translated;
}

/** OWL's translateFn: it gets the text without its surrounding whitespace. */
export function translateTemplateText(text: string): string {
  return catalog.get(normalizeMsgid(text)) ?? text;
}
