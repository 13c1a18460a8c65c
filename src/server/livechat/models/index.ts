// The models of the live chat runtime, for the registry.
import { bridgeRequest } from "./bridge-request.ts";
import { chatbotMessage } from "./chatbot-message.ts";
import { discussChannel } from "./discuss-channel.ts";
import { mailMessage } from "./mail-message.ts";
import { operatorPresence } from "./operator-presence.ts";
import { scriptVersion } from "./script-version.ts";

export const livechatModels = [discussChannel, mailMessage, chatbotMessage, bridgeRequest, operatorPresence, scriptVersion];
