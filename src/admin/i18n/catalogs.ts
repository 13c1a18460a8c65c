// The catalogs shipped in the bundle, read at build time from the addon's i18n folder (the
// same .po files Odoo loads for the addon).
import roPo from "../../../addon/livechat_chatbot_bridge/i18n/ro.po?raw";
import { parsePo } from "./po.ts";

const SOURCES: Record<string, string> = { ro: roPo };

/** The catalog for an Odoo language code (ro_RO) or a BCP 47 tag (ro-RO); empty for English. */
export function catalogFor(lang: string): Map<string, string> {
  const base = lang.toLowerCase().split(/[-_]/)[0] ?? "";
  const source = SOURCES[base];
  return source ? parsePo(source) : new Map();
}

export const AVAILABLE_LANGUAGES = ["en_US", "ro_RO"];
