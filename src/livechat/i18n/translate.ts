// Picks the UI language from the page and translates the widget's own strings.
// Bot messages come from the server and are never translated here.

export type Catalog = Record<string, string>;

/**
 * The first given candidate (BCP 47 tags, by priority) decides: its primary language if
 * supported, else English. A page that says `lang="fr"` gets English, not the browser's language.
 */
export function pickLanguage(candidates: readonly (string | null | undefined)[], supported: readonly string[]): string {
  const tag = candidates.find((c) => c && c.trim());
  if (!tag) return "en";
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0]!;
  return supported.includes(primary) ? primary : "en";
}

/** A translate function for `lang`; `%s` places are filled in order. */
export function translator(lang: string, catalogs: Record<string, Catalog>): (text: string, ...values: string[]) => string {
  const catalog = catalogs[lang] ?? {};
  return (text, ...values) => {
    let index = 0;
    return (catalog[text] ?? text).replace(/%s/g, () => values[index++] ?? "");
  };
}

/** Language of the page (`data-lang`, then `<html lang>`, then the browser), as a translate function. */
export function pageTranslator(explicit: string | null | undefined, catalogs: Record<string, Catalog>): { lang: string; t: ReturnType<typeof translator> } {
  const lang = pickLanguage([explicit, document.documentElement.lang, navigator.language], Object.keys(catalogs));
  return { lang, t: translator(lang, catalogs) };
}
