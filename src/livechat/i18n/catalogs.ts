// The chat's translations: the widget's entries of the addon's .po files, read at build time
// (scripts/vite/po-catalog.ts). The loader has its own few (loader/catalogs.ts).
import ro from "../../../addon/livechat_chatbot_bridge/i18n/ro.po";
import type { Catalog } from "./translate.ts";

export const CATALOGS: Record<string, Catalog> = { ro };
