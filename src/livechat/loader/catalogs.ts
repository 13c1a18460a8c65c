// The loader's translations only (entries referenced from static/dist/loader.js): the chat's
// many more come with the chat bundle.
import ro from "../../../addon/livechat_chatbot_bridge/i18n/ro.po?loader.js";
import type { Catalog } from "../i18n/translate.ts";

export const LOADER_CATALOGS: Record<string, Catalog> = { ro };
