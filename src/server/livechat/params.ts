// Reading route parameters with bridge v1's rules and texts.
import { BRIDGE_ERRORS, LIMITS } from "../../protocol/bridge.ts";
import { validationError } from "../orm/errors.ts";
import type { ReplyRequest } from "./runtime.ts";

type Params = Record<string, unknown>;

const present = (value: unknown) => value !== undefined && value !== null;

export function intParam(params: Params, name: string): number {
  const value = params[name];
  if (typeof value !== "number" || !Number.isInteger(value)) throw validationError(BRIDGE_ERRORS.badParams);
  return value;
}

export function optionalInt(params: Params, name: string): number | null {
  return present(params[name]) && params[name] !== false ? intParam(params, name) : null;
}

/** A short optional string (names, language and country codes); too long or not a string is refused. */
export function optionalString(params: Params, name: string, max = 256): string | null {
  const value = params[name];
  if (!present(value) || value === false || value === "") return null;
  if (typeof value !== "string" || value.length > max) throw validationError(BRIDGE_ERRORS.badParams);
  return value;
}

export function urlParam(params: Params): string {
  const value = params.url;
  if (value === undefined || value === null) return "";
  if (typeof value !== "string" || value.length > 4096) throw validationError(BRIDGE_ERRORS.badParams);
  return value;
}

/** A client id (`client_msg_id`, `client_open_id`): 1–64 characters. */
export function clientId(params: Params, name: string, required: boolean): string | null {
  const value = params[name];
  if (!present(value)) {
    if (required) throw validationError(BRIDGE_ERRORS.badClientMsgId);
    return null;
  }
  if (typeof value !== "string" || value.length < 1 || value.length > LIMITS.clientMsgIdMax) throw validationError(BRIDGE_ERRORS.badClientMsgId);
  return value;
}

export function replyRequest(params: Params): ReplyRequest {
  const clientMsgId = clientId(params, "client_msg_id", true)!;
  const hasAnswer = present(params.answer_id) && params.answer_id !== false;
  const hasText = present(params.text) && params.text !== false;
  if (hasAnswer && hasText) throw validationError(BRIDGE_ERRORS.eitherAnswerOrText);
  if (hasAnswer && (typeof params.answer_id !== "number" || !Number.isInteger(params.answer_id))) throw validationError(BRIDGE_ERRORS.unknownAnswer);
  if (hasText && typeof params.text !== "string") throw validationError(BRIDGE_ERRORS.eitherAnswerOrText);
  if (hasText && (params.text as string).includes("\u0000")) throw validationError(BRIDGE_ERRORS.nulCharacter);
  return {
    clientMsgId,
    answerId: hasAnswer ? (params.answer_id as number) : null,
    text: hasText ? (params.text as string) : null,
    hold: params.hold === true,
  };
}

/** Poll timeout in ms: 0–`max` s (anything else is clamped). */
export function pollTimeoutMs(params: Params, max: number): number {
  const value = params.timeout;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(value, max) * 1000;
}
