// The operator's side of the embedded ERP (Odoo has Discuss instead): presence heartbeat, the
// inbox of their conversations, reading, answering and closing them.
import { BRIDGE_ERRORS, LIMITS, type BridgeMessage, type BridgeView } from "../../protocol/bridge.ts";
import { ODOO_TEXTS, formatText } from "../../protocol/odoo.ts";
import type { Session } from "../http/context.ts";
import { missingError, userError, validationError } from "../orm/errors.ts";
import type { Env } from "../orm/env.ts";
import { findById, lastMessages, postMessage, readMessages, saveConversation, type Conversation } from "./conversation-store.ts";
import { recall, remember } from "./idempotency.ts";
import { setPresence } from "./presence.ts";
import { operatorOf, type LivechatRuntime } from "./runtime.ts";

export interface OperatorView extends BridgeView {
  conversation_id: number;
}

export interface InboxEntry {
  conversation_id: number;
  name: string;
  visitor_name: string;
  state: BridgeView["state"];
  closed: boolean;
  last_message: BridgeMessage | null;
}

const notTheirs = () => missingError(BRIDGE_ERRORS.noConversation);

export class OperatorDesk {
  constructor(private readonly runtime: LivechatRuntime) {}

  async presence(session: Session, online: boolean): Promise<{ online: boolean }> {
    await this.runtime.database.transaction((trx) => setPresence(this.runtime.env(trx), session.uid, online));
    return { online };
  }

  async inbox(session: Session): Promise<InboxEntry[]> {
    const env = this.runtime.env();
    const rows = await env
      .model("discuss.channel")
      .searchRead([["bridge_operator_user_id", "=", session.uid]], ["name", "bridge_visitor_name", "anonymous_name", "bridge_state", "bridge_closed"], { order: "id desc", limit: 200 });
    const last = await lastMessages(env, rows.map((row) => row.id));
    const entries: InboxEntry[] = rows.map((row) => ({
      conversation_id: row.id,
      name: String(row.name),
      visitor_name: String(row.bridge_visitor_name || row.anonymous_name || ""),
      state: row.bridge_state as BridgeView["state"],
      closed: Boolean(row.bridge_closed),
      last_message: last.get(row.id) ?? null,
    }));
    return entries;
  }

  async history(session: Session, conversationId: number): Promise<OperatorView> {
    const env = this.runtime.env();
    const conversation = await this.theirs(env, session, conversationId);
    return this.operatorView(conversation, await readMessages(env, conversation.id));
  }

  async post(session: Session, conversationId: number, clientMsgId: string, text: string): Promise<OperatorView> {
    const body = text.trim();
    if (!body) throw validationError(BRIDGE_ERRORS.emptyMessage);
    if (body.length > LIMITS.textMax) throw validationError(BRIDGE_ERRORS.tooLong);
    const view = await this.lockedTheirs(session, conversationId, async (env, conversation) => {
      const scope = `operator:${conversation.id}`;
      const earlier = await recall<OperatorView>(env, scope, clientMsgId);
      if (earlier) return earlier;
      if (conversation.state.closed) throw userError(BRIDGE_ERRORS.closed);
      if (conversation.state.state !== "operator") throw userError(BRIDGE_ERRORS.ended);
      const operator = await operatorOf(env, session.uid);
      const message = await postMessage(env, conversation.id, {
        author: "operator",
        authorName: conversation.operatorName ?? operator.name,
        authorPartnerId: operator.partnerId,
        body,
        stepId: null,
        answerId: null,
      });
      const result = this.operatorView(conversation, [message]);
      await remember(env, scope, clientMsgId, result);
      return result;
    });
    this.runtime.announce(conversationId, session.uid);
    return view;
  }

  async close(session: Session, conversationId: number): Promise<OperatorView> {
    const view = await this.lockedTheirs(session, conversationId, async (env, conversation) => {
      if (conversation.state.closed) return this.operatorView(conversation, []);
      const message = await postMessage(env, conversation.id, {
        author: "system",
        authorName: "",
        authorPartnerId: null,
        body: formatText(ODOO_TEXTS.operatorLeft, conversation.operatorName ?? ""),
        stepId: null,
        answerId: null,
      });
      const closed: Conversation = { ...conversation, state: { ...conversation.state, state: "ended", closed: true } };
      await saveConversation(env, closed);
      return this.operatorView(closed, [message]);
    });
    this.runtime.announce(conversationId, session.uid);
    return view;
  }

  private async theirs(env: Env, session: Session, conversationId: number): Promise<Conversation> {
    if (!Number.isInteger(conversationId)) throw notTheirs();
    const conversation = await findById(env, conversationId);
    if (!conversation || conversation.operatorUserId !== session.uid) throw notTheirs();
    return conversation;
  }

  private async lockedTheirs<T>(session: Session, conversationId: number, fn: (env: Env, conversation: Conversation) => Promise<T>): Promise<T> {
    await this.theirs(this.runtime.env(), session, conversationId);
    const { database } = this.runtime;
    return database.helpers.withRowLock(database.kysely, "discuss_channel", conversationId, async (trx) => {
      const env = this.runtime.env(trx);
      return fn(env, await this.theirs(env, session, conversationId));
    });
  }

  /** The operator sees the conversation without the visitor's token. */
  operatorView(conversation: Conversation, messages: BridgeMessage[]): OperatorView {
    return {
      conversation_id: conversation.id,
      token: "",
      messages,
      step: null,
      state: conversation.state.state,
      closed: conversation.state.closed,
      operator: conversation.operatorName ? { name: conversation.operatorName } : null,
    };
  }
}
