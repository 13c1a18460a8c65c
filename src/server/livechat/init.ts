// `init`: what a page of a livechat channel offers the visitor (rule, chatbot with its welcome
// steps, operator availability) plus the server's capabilities. It stores nothing.
import { BRIDGE_PREFIX, type BridgeFeature, type InitResult } from "../../protocol/bridge.ts";
import { viewStep, welcomeSteps } from "../../engine/index.ts";
import type { Env } from "../orm/env.ts";
import { availableOperators } from "./presence.ts";
import { matchRule } from "./rules.ts";
import { loadScript } from "./script-loader.ts";
import { PUSH_MODE } from "./push-mode.ts";

export const SERVER_NAME = "Chatbot Bridge embedded ERP";
export const SERVER_VERSION = "18.0";

export function serverFeatures(env: Env): BridgeFeature[] {
  const features: BridgeFeature[] = [];
  if (env.registry.has("crm.lead")) features.push("create_lead");
  if (env.registry.has("helpdesk.ticket")) features.push("create_ticket");
  features.push("phone_check");
  if (PUSH_MODE.websocket) features.push("websocket");
  return features;
}

export interface InitRequest {
  livechatChannelId: number;
  url: string;
  countryCode: string | null;
  /** Where this server is reached, e.g. "http://127.0.0.1:8069" (for the push and avatar URLs). */
  origin: string;
}

export async function initResult(env: Env, request: InitRequest): Promise<InitResult> {
  const channelExists = (await env.model("im_livechat.channel").exists([request.livechatChannelId])).length > 0;
  const operatorAvailable = channelExists && (await availableOperators(env, request.livechatChannelId)).length > 0;
  const rule = channelExists ? await matchRule(env, request.livechatChannelId, request.url, request.countryCode ?? undefined, operatorAvailable) : null;
  let chatbot: InitResult["chatbot"] = null;
  if (rule?.chatbot_script_id && rule.action !== "hide_button") {
    const script = await loadScript(env, rule.chatbot_script_id);
    if (script) {
      chatbot = {
        script_id: script.id,
        title: script.title,
        avatar_url: `${request.origin}${BRIDGE_PREFIX}/avatar/${script.id}`,
        welcome_steps: welcomeSteps(script).map((step) => viewStep(script, step, [])),
      };
    }
  }
  const features = serverFeatures(env);
  return {
    available: chatbot !== null || (operatorAvailable && (!rule || rule.action !== "hide_button")),
    rule: rule ? { id: rule.id, action: rule.action, auto_popup_timer: rule.auto_popup_timer } : null,
    chatbot,
    operator_available: operatorAvailable,
    server: { name: SERVER_NAME, version: SERVER_VERSION, features },
    push: {
      websocket: features.includes("websocket") ? `${request.origin.replace(/^http/, "ws")}${BRIDGE_PREFIX}/ws` : null,
      poll_max_timeout: PUSH_MODE.pollMaxTimeout,
    },
  };
}
