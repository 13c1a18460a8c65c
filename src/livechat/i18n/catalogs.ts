// The widget's translations, read from the addon's .po files at build time (scripts/vite/po-catalog.ts).
import ro from "../../../addon/livechat_chatbot_bridge/i18n/ro.po";
import { pickLanguage, translator, type Catalog } from "./translate.ts";

export const CATALOGS: Record<string, Catalog> = { ro };

/** Language of the page (`data-lang`, then `<html lang>`, then the browser), as a translate function. */
export function pageTranslator(explicit?: string | null): { lang: string; t: ReturnType<typeof translator> } {
  const lang = pickLanguage([explicit, document.documentElement.lang, navigator.language], Object.keys(CATALOGS));
  return { lang, t: translator(lang, CATALOGS) };
}
