// Bridge protocol v1: the visitor-side API that both servers (real Odoo + addon, and the
// embedded ERP) serve identically. The normative text is the architecture document; these
// types and constants are its single source in code.

import type { RuleAction, StepType } from "./odoo.ts";

export const BRIDGE_VERSION = "1";
export const BRIDGE_PREFIX = "/chatbot_bridge/v1";

export const BRIDGE_ROUTES = {
  init: `${BRIDGE_PREFIX}/init`,
  open: `${BRIDGE_PREFIX}/session/open`,
  openTest: `${BRIDGE_PREFIX}/session/open_test`,
  reply: `${BRIDGE_PREFIX}/session/reply`,
  restart: `${BRIDGE_PREFIX}/session/restart`,
  poll: `${BRIDGE_PREFIX}/session/poll`,
  history: `${BRIDGE_PREFIX}/session/history`,
  close: `${BRIDGE_PREFIX}/session/close`,
  operatorPresence: `${BRIDGE_PREFIX}/operator/presence`,
  operatorInbox: `${BRIDGE_PREFIX}/operator/inbox`,
  operatorHistory: `${BRIDGE_PREFIX}/operator/history`,
  operatorPost: `${BRIDGE_PREFIX}/operator/post`,
  operatorClose: `${BRIDGE_PREFIX}/operator/close`,
  websocket: `${BRIDGE_PREFIX}/ws`,
  /** GET `<avatar>/<script_id>`: the bot's picture (embedded ERP; `init` gives the full URL). */
  avatar: `${BRIDGE_PREFIX}/avatar`,
} as const;

/** The addon's technical name; static files are served at `/<module>/static/…` on both servers. */
export const ADDON_NAME = "livechat_chatbot_bridge";
export const LOADER_PATH = `/${ADDON_NAME}/static/dist/loader.js`;

export interface BridgeAnswer {
  id: number;
  name: string;
  redirect_link: string | null;
}

export interface BridgeStep {
  id: number;
  type: StepType;
  message: string | null;
  answers: BridgeAnswer[];
  is_last: boolean;
}

export type MessageAuthor = "bot" | "visitor" | "operator" | "system";

export interface BridgeMessage {
  id: number;
  author: MessageAuthor;
  author_name: string;
  /** Plain text; clients render it as text. */
  body: string;
  /** ISO 8601 UTC. */
  date: string;
  step_id: number | null;
  answer_id: number | null;
}

export type ConversationState = "bot" | "operator" | "ended";

export interface BridgeView {
  token: string;
  messages: BridgeMessage[];
  step: BridgeStep | null;
  state: ConversationState;
  closed: boolean;
  operator: null | { name: string };
}

export interface InitParams {
  channel_id: number;
  url: string;
  lang?: string;
  country_code?: string;
}

export interface InitResult {
  available: boolean;
  rule: null | { id: number; action: RuleAction; auto_popup_timer: number };
  chatbot: null | {
    script_id: number;
    title: string;
    avatar_url: string;
    welcome_steps: BridgeStep[];
  };
  operator_available: boolean;
  server: { name: string; version: string; features: BridgeFeature[] };
  push: { websocket: string | null; poll_max_timeout: number };
}

export type BridgeFeature = "create_lead" | "create_ticket" | "phone_check" | "websocket";

export interface OpenParams {
  channel_id: number;
  url: string;
  script_id?: number;
  visitor_name?: string;
  lang?: string;
  country_code?: string;
  /**
   * Makes a retried open return the same conversation, token included, to whoever repeats the
   * id on the same channel (for at least 24 hours): clients must make it unguessable (the
   * widget uses 128 random bits), as the token it stands for.
   */
  client_open_id?: string;
}

export interface OpenTestParams {
  script_id: number;
  operator_available?: boolean;
}

export interface ReplyParams {
  token: string;
  client_msg_id: string;
  answer_id?: number;
  text?: string;
  hold?: boolean;
}

export interface TokenParams {
  token: string;
  client_msg_id?: string;
}

export interface PollParams {
  token: string;
  after_id: number;
  timeout?: number;
}

/** WebSocket frame sent by the server. */
export interface PushFrame {
  type: "view";
  view: BridgeView;
}

export const LIMITS = {
  clientMsgIdMax: 64,
  textMax: 4000,
  bodyMaxBytes: 1024 * 1024,
  pollMaxTimeout: 30,
  multilineDebounceMs: 10_000,
} as const;

/** Exact error texts of bridge v1 (both servers). */
export const BRIDGE_ERRORS = {
  eitherAnswerOrText: "Give either answer_id or text.",
  chooseAnswer: "Choose one of the answers.",
  expectsText: "This step expects text.",
  unknownAnswer: "Unknown answer for this step.",
  emptyMessage: "The message is empty.",
  tooLong: "The message is too long.",
  ended: "This conversation has ended.",
  closed: "This conversation is closed.",
  operatorPresent: "An operator is in this conversation.",
  noConversation: "This conversation does not exist.",
  testNotAllowed: "You are not allowed to test this chatbot.",
  noOperator: "No operator is available.",
  tooManyRequests: "Too many requests. Please wait a moment.",
  /** Texts the architecture leaves open (both servers use these). */
  badClientMsgId: "client_msg_id must be a string of 1 to 64 characters.",
  holdNotAllowed: "Only a multi-line answer can be held.",
  chatbotUnavailable: "This chatbot is not available here.",
  /** Embedded ERP operator routes, for a logged-in user who is no live chat operator. */
  operatorNotAllowed: "Only live chat operators can do this.",
  badParams: "Invalid parameters.",
  /** PostgreSQL cannot keep NUL: refused on both servers and both databases alike. */
  nulCharacter: "The message contains a character that cannot be kept (NUL).",
} as const;

/** JSON-RPC transport errors (HTTP status, code, message). */
export const TRANSPORT_ERRORS = {
  parse: { status: 400, code: -32700, message: "Parse error" },
  invalidRequest: { status: 400, code: -32600, message: "Invalid Request" },
  tooLarge: { status: 413, code: 413, message: "Request Entity Too Large" },
  notFound: { status: 404, code: 404, message: "Not Found" },
  /** A failure of the server itself (logged there); the body never says more. */
  serverError: { status: 500, code: -32603, message: "Internal error" },
} as const;

/**
 * The database is away for a moment (restart, failover, lost connection): HTTP 503 with
 * Odoo's envelope and the name Odoo gives a lost PostgreSQL connection. Clients retry.
 */
export const DATABASE_UNAVAILABLE = {
  status: 503,
  name: "psycopg2.OperationalError",
  message: "The database is not available right now. Please try again in a moment.",
} as const;

export const TEST_OPERATOR_NAME = "Test Operator";
export const DEFAULT_VISITOR_NAME = "Visitor";
