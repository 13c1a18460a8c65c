// The live chat runtime: runs each conversation through the engine (never a copy of its
// rules), one step at a time per conversation, and applies what the engine decides: messages,
// operator hand-over, leads and tickets. Every change is announced on the live hub.
import { BRIDGE_ERRORS, TEST_OPERATOR_NAME, type BridgeView } from "../../protocol/bridge.ts";
import { GROUPS, ODOO_TEXTS, formatText, type StepType } from "../../protocol/odoo.ts";
import { initialState, reduce, viewStep, type ConversationState, type EngineOutput, type VisitorEvent } from "../../engine/index.ts";
import type { Database } from "../db/database.ts";
import { KeyedMutex } from "../db/keyed-mutex.ts";
import { Env, SUPERUSER_ID } from "../orm/env.ts";
import type { Registry } from "../orm/registry.ts";
import { accessError, missingError, missingRecord, userError, validationError } from "../orm/errors.ts";
import type { Session } from "../http/context.ts";
import type { LiveHub, PostedView } from "./hub.ts";
import type { LoadedScript } from "./script-loader.ts";
import { ScriptCache } from "./script-cache.ts";
import {
  closeEarlierTests,
  createConversation,
  findById,
  findByToken,
  findKeyByToken,
  forgetChatbotMessages,
  lastMessageId,
  postMessage,
  postMessages,
  readForStep,
  readMessages,
  saveConversation,
  type Conversation,
  type ConversationChanges,
  type PostSpec,
} from "./conversation-store.ts";
import { pickOperator } from "./presence.ts";
import { createLead, createTicket } from "./leads.ts";
import { recall, remember } from "./idempotency.ts";
import { newVisitorToken } from "./token.ts";

/** Visitor answers Odoo keeps as `user_raw_answer`. */
const RAW_ANSWER_TYPES: readonly StepType[] = ["question_email", "question_phone", "free_input_single", "free_input_multi"];

export interface Operator {
  userId: number | null;
  partnerId: number | null;
  name: string;
}

export interface OpenRequest {
  livechatChannelId: number;
  scriptId: number | null;
  visitorName: string | null;
  lang: string | null;
  countryCode: string | null;
  clientOpenId: string | null;
}

export interface ReplyRequest {
  clientMsgId: string;
  answerId: number | null;
  text: string | null;
  hold: boolean;
}

/** Tokens whose conversation id is kept; past it the map starts over. */
const MAX_KNOWN_TOKENS = 100_000;

const noConversation = () => missingError(BRIDGE_ERRORS.noConversation);

function emptyScript(id: number | null): LoadedScript {
  return { id: id ?? 0, title: "", active: false, operator_partner_id: false, source_id: false, script_step_ids: [] };
}

export class LivechatRuntime {
  private readonly openLocks = new KeyedMutex();
  private readonly scripts = new ScriptCache();
  /** Visitor token → conversation id (checked again under the conversation's lock). */
  private readonly conversationIds = new Map<string, number>();

  constructor(
    readonly database: Database,
    readonly registry: Registry,
    readonly hub: LiveHub,
  ) {}

  env(db: Env["db"] = this.database.kysely): Env {
    return new Env(this.database, db, this.registry, SUPERUSER_ID);
  }

  // ------------------------------------------------------------------ visitor side

  async open(request: OpenRequest): Promise<BridgeView> {
    const scope = `open:${request.livechatChannelId}`;
    const run = () =>
      this.database.transaction(async (trx) => {
        const env = this.env(trx);
        if (request.clientOpenId) {
          const earlier = await recall<BridgeView>(env, scope, request.clientOpenId);
          if (earlier) return { view: earlier, conversation: null };
        }
        if (!(await env.model("im_livechat.channel").exists([request.livechatChannelId])).length) throw missingRecord("im_livechat.channel", [request.livechatChannelId], SUPERUSER_ID);
        let script: LoadedScript | null = null;
        if (request.scriptId !== null) {
          script = await this.scripts.get(env, request.scriptId);
          if (!script || !script.active || !script.script_step_ids.length || !(await this.ruleServes(env, request.livechatChannelId, request.scriptId)))
            throw userError(BRIDGE_ERRORS.chatbotUnavailable);
        }
        // With a script, an operator matters only if it can forward; without one, one is needed.
        const operator = await this.findOperator(env, request.livechatChannelId, script, script !== null, request.lang);
        if (!script && !operator) throw userError(BRIDGE_ERRORS.noOperator);
        const conversation = await createConversation(env, {
          token: newVisitorToken(),
          name: script ? script.title : (request.visitorName ?? "Visitor"),
          scriptId: script?.id ?? null,
          botPartnerId: script?.operator_partner_id || null,
          livechatChannelId: request.livechatChannelId,
          isTest: false,
          visitorName: request.visitorName,
          lang: request.lang,
          countryCode: request.countryCode,
        });
        const view = script
          ? await this.runEvent(env, conversation, script, { type: "open" }, operator)
          : await this.startOperatorChat(env, conversation, operator!);
        if (request.clientOpenId) await remember(env, scope, request.clientOpenId, view);
        return { view, conversation };
      });
    const { view, conversation } = request.clientOpenId ? await this.openLocks.run(`${scope}:${request.clientOpenId}`, run) : await run();
    if (conversation) this.announce(conversation.id);
    return view;
  }

  async openTest(session: Session | null, scriptId: number, operatorAvailable: boolean): Promise<BridgeView> {
    if (!session || !(session.groups.has(GROUPS.livechatUser) || session.groups.has(GROUPS.livechatManager))) throw accessError(BRIDGE_ERRORS.testNotAllowed);
    const { view, conversation, closed } = await this.database.transaction(async (trx) => {
      const env = this.env(trx);
      const script = await this.scripts.get(env, scriptId);
      if (!script) throw missingError(BRIDGE_ERRORS.chatbotUnavailable);
      const closed = await closeEarlierTests(env, script.id, session.uid);
      const created = await createConversation(env, {
        testerUserId: session.uid,
        token: newVisitorToken(),
        name: script.title,
        scriptId: script.id,
        botPartnerId: script.operator_partner_id || null,
        livechatChannelId: null,
        isTest: true,
        visitorName: session.name,
        lang: null,
        countryCode: null,
      });
      if (operatorAvailable) await env.model("discuss.channel").write([created.id], { bridge_test_operator: true });
      const operator = operatorAvailable ? testOperator() : null;
      return { view: await this.runEvent(env, created, script, { type: "open" }, operator), conversation: created, closed };
    });
    for (const id of closed) this.announce(id);
    this.announce(conversation.id);
    return view;
  }

  async reply(token: unknown, request: ReplyRequest): Promise<BridgeView> {
    return this.locked(token, `reply:${request.clientMsgId}`, async (env, conversation, script) => {
      const event: VisitorEvent =
        request.answerId !== null
          ? { type: "answer", answer_id: request.answerId }
          : request.text !== null
            ? { type: "text", text: request.text, ...(request.hold ? { hold: true } : {}) }
            : { type: "finish" };
      if (request.hold && conversation.state.state === "bot" && !conversation.state.closed) {
        const step = script.script_step_ids.find((s) => s.id === conversation.state.current_step_id);
        if (step?.step_type !== "free_input_multi") throw validationError(BRIDGE_ERRORS.holdNotAllowed);
      }
      return this.runEvent(env, conversation, script, event, await this.operatorFor(env, conversation, script));
    });
  }

  async restart(token: unknown, clientMsgId: string | null): Promise<BridgeView> {
    return this.locked(token, clientMsgId ? `restart:${clientMsgId}` : null, async (env, conversation, script) => {
      const operator = await this.operatorFor(env, conversation, script);
      // Validate first (the engine decides whether a restart is allowed), then forget the links.
      const result = reduce(script, conversation.state, { type: "restart" }, this.stepContext(conversation, operator));
      if ("error" in result) throw engineError(result.error);
      await forgetChatbotMessages(env, conversation.id);
      return this.apply(env, conversation, script, result.state, result.outputs, operator);
    });
  }

  async close(token: unknown, clientMsgId: string | null): Promise<BridgeView> {
    return this.locked(token, clientMsgId ? `close:${clientMsgId}` : null, (env, conversation, script) => this.runEvent(env, conversation, script, { type: "close" }, null));
  }

  async history(token: unknown): Promise<BridgeView> {
    const env = this.env();
    const conversation = await findByToken(env, token);
    if (!conversation) throw noConversation();
    return this.view(env, conversation, await this.scriptOf(env, conversation), await readMessages(env, conversation.id));
  }

  /** Messages after `afterId`, waiting up to `timeoutMs` for one. */
  async poll(token: unknown, afterId: number, timeoutMs: number, signal?: AbortSignal): Promise<BridgeView> {
    const env = this.env();
    const found = await findByToken(env, token);
    if (!found) throw noConversation();
    const cancel = new AbortController();
    signal?.addEventListener("abort", () => cancel.abort());
    // Listen before reading, so a message posted in between still wakes this poll.
    const woken = timeoutMs > 0 ? this.hub.waitFor(found.id, timeoutMs, cancel.signal) : Promise.resolve(false);
    let messages = await readMessages(env, found.id, { afterId });
    // Read again when woken, and at the timeout too, in case a notice from another process was lost.
    if (!messages.length && timeoutMs > 0) {
      await woken;
      if (!signal?.aborted) messages = await readMessages(env, found.id, { afterId });
    }
    cancel.abort();
    const conversation = (await findById(env, found.id))!;
    return this.view(env, conversation, await this.scriptOf(env, conversation), messages);
  }

  // ------------------------------------------------------------------ shared machinery

  /**
   * Runs `fn` with the conversation locked (one step at a time per conversation, across
   * processes on PostgreSQL), returning the first result again for a repeated `clientKey`.
   */
  async locked(token: unknown, clientKey: string | null, fn: (env: Env, conversation: Conversation, script: LoadedScript) => Promise<BridgeView>): Promise<BridgeView> {
    const id = await this.conversationIdOf(token);
    if (id === null) throw noConversation();
    const view = await this.database.helpers.withRowLock(this.database.kysely, "discuss_channel", id, async (trx) => {
      const env = this.env(trx);
      // Read under the lock; the newest message id lets push listeners that have sent up to
      // here pass this step's View on.
      const { conversation, kept, lastMessageId: afterId } = await readForStep<BridgeView>(env, id, String(token), clientKey);
      if (!conversation || conversation.token !== token) {
        this.conversationIds.delete(String(token));
        throw noConversation();
      }
      // Who operated the conversation before this step (the step updates `conversation`).
      const operatorUserId = conversation.operatorUserId;
      if (kept) return { view: kept, fresh: false, afterId: 0, operatorUserId };
      const result = await fn(env, conversation, await this.scriptOf(env, conversation));
      if (clientKey) await remember(env, conversation.token, clientKey, result);
      return { view: result, fresh: true, afterId, operatorUserId };
    });
    // An operator found before stays; without one, only a step that ended with an operator may have added one.
    if (view.fresh) this.announce(id, view.operatorUserId ?? (view.view.state === "operator" ? undefined : null), { afterId: view.afterId, view: view.view });
    return view.view;
  }

  /** The conversation id of a visitor token; tokens never move, so known ones are kept. */
  private async conversationIdOf(token: unknown): Promise<number | null> {
    if (typeof token === "string") {
      const known = this.conversationIds.get(token);
      if (known !== undefined) return known;
    }
    const found = await findKeyByToken(this.env(), token);
    if (!found) return null;
    if (this.conversationIds.size >= MAX_KNOWN_TOKENS) this.conversationIds.clear();
    this.conversationIds.set(found.token, found.id);
    return found.id;
  }

  private async scriptOf(env: Env, conversation: Conversation): Promise<LoadedScript> {
    return (conversation.scriptId !== null ? await this.scripts.get(env, conversation.scriptId) : null) ?? emptyScript(conversation.scriptId);
  }

  private stepContext(conversation: Conversation, operator: Operator | null) {
    return { operatorAvailable: operator !== null, ...(conversation.countryCode ? { phoneDefaultCountry: conversation.countryCode } : {}) };
  }

  private async runEvent(env: Env, conversation: Conversation, script: LoadedScript, event: VisitorEvent, operator: Operator | null): Promise<BridgeView> {
    const result = reduce(script, conversation.state, event, this.stepContext(conversation, operator));
    if ("error" in result) throw engineError(result.error);
    return this.apply(env, conversation, script, result.state, result.outputs, operator);
  }

  /** Who a forward would hand over to right now (only looked up when the script can forward). */
  private async operatorFor(env: Env, conversation: Conversation, script: LoadedScript): Promise<Operator | null> {
    if (conversation.isTest) {
      const [row] = await env.model("discuss.channel").read([conversation.id], ["bridge_test_operator"]);
      return row?.bridge_test_operator ? testOperator() : null;
    }
    return this.findOperator(env, conversation.livechatChannelId, script, true, conversation.lang);
  }

  private async findOperator(env: Env, livechatChannelId: number | null, script: LoadedScript | null, onlyIfForwarding: boolean, lang: string | null): Promise<Operator | null> {
    if (onlyIfForwarding && !script?.script_step_ids.some((step) => step.step_type === "forward_operator")) return null;
    const userId = await pickOperator(env, livechatChannelId, lang);
    return userId === null ? null : operatorOf(env, userId);
  }

  private async ruleServes(env: Env, livechatChannelId: number, scriptId: number): Promise<boolean> {
    const count = await env.model("im_livechat.channel.rule").searchCount([
      ["channel_id", "=", livechatChannelId],
      ["chatbot_script_id", "=", scriptId],
    ]);
    return count > 0;
  }

  /** Posts the engine's outputs in order, saves the new state and returns the View. */
  private async apply(env: Env, conversation: Conversation, script: LoadedScript, state: ConversationState, outputs: EngineOutput[], operator: Operator | null): Promise<BridgeView> {
    const posted: BridgeView["messages"] = [];
    // Consecutive messages are posted together, before anything that may read them.
    const pending: PostSpec[] = [];
    const flush = async () => {
      if (pending.length) posted.push(...(await postMessages(env, conversation.id, pending.splice(0))));
    };
    let changes: ConversationChanges = {};
    const stepTypes = new Map(script.script_step_ids.map((step) => [step.id, step.step_type]));
    for (const output of outputs) {
      switch (output.kind) {
        case "message": {
          const author =
            output.author === "bot"
              ? { authorName: script.title, authorPartnerId: script.operator_partner_id || null }
              : output.author === "visitor"
                ? { authorName: conversation.visitorName, authorPartnerId: null }
                : { authorName: "", authorPartnerId: null };
          const linked = output.step_id !== null && stepTypes.has(output.step_id) && conversation.state.state !== "operator";
          const rawAnswer = output.author === "visitor" && output.step_id !== null && RAW_ANSWER_TYPES.includes(stepTypes.get(output.step_id)!) ? output.body : null;
          pending.push({
            author: output.author,
            ...author,
            body: output.body,
            stepId: output.step_id,
            answerId: output.answer_id,
            ...(linked ? { chatbot: { stepId: output.step_id!, answerId: output.answer_id, rawAnswer } } : {}),
          });
          break;
        }
        case "forward": {
          await flush();
          const joining = operator ?? testOperator();
          posted.push(await this.postJoin(env, conversation.id, joining));
          changes = { operatorUserId: joining.userId, operatorName: joining.name, operatorPartnerId: joining.partnerId, name: `${conversation.visitorName} ${joining.name}` };
          break;
        }
        case "create_lead":
          await flush();
          await createLead(env, { conversationId: conversation.id, script, state, countryCode: conversation.countryCode }, output.crm_team_id);
          break;
        case "create_ticket":
          await flush();
          await createTicket(env, { conversationId: conversation.id, script, state, countryCode: conversation.countryCode }, output.helpdesk_team_id);
          break;
      }
    }
    await flush();
    // The conversation read for this step is this step's own: it is updated, not copied.
    const next = conversation;
    next.state = state;
    if ("operatorName" in changes) {
      next.operatorUserId = changes.operatorUserId ?? null;
      next.operatorName = changes.operatorName ?? null;
    }
    await saveConversation(env, next, changes);
    return this.view(env, next, script, posted);
  }

  private async postJoin(env: Env, conversationId: number, operator: Operator): Promise<BridgeView["messages"][number]> {
    return postMessage(env, conversationId, {
      author: "system",
      authorName: "",
      authorPartnerId: null,
      body: formatText(ODOO_TEXTS.operatorJoined, operator.name),
      stepId: null,
      answerId: null,
    });
  }

  private async startOperatorChat(env: Env, conversation: Conversation, operator: Operator): Promise<BridgeView> {
    const posted = await this.postJoin(env, conversation.id, operator);
    const next: Conversation = { ...conversation, state: { ...initialState(), state: "operator" }, operatorUserId: operator.userId, operatorName: operator.name };
    await saveConversation(env, next, { operatorUserId: operator.userId, operatorName: operator.name, operatorPartnerId: operator.partnerId, name: `${conversation.visitorName} ${operator.name}` });
    return this.view(env, next, emptyScript(null), [posted]);
  }

  /** The View of a conversation with the given messages (for push frames). */
  async viewOf(env: Env, conversation: Conversation, messages: BridgeView["messages"]): Promise<BridgeView> {
    return this.view(env, conversation, await this.scriptOf(env, conversation), messages);
  }

  view(_env: Env, conversation: Conversation, script: LoadedScript, messages: BridgeView["messages"]): BridgeView {
    const { state } = conversation;
    const step = state.state === "bot" && !state.closed ? script.script_step_ids.find((s) => s.id === state.current_step_id) : undefined;
    return {
      token: conversation.token,
      messages,
      step: step ? viewStep(script, step, state.selected_answer_ids) : null,
      // A run whose waiting step an admin deleted has ended, as the engine answers its replies.
      state: state.state === "bot" && !state.closed && !step ? "ended" : state.state,
      closed: state.closed,
      operator: conversation.operatorName ? { name: conversation.operatorName } : null,
    };
  }

  /**
   * Tells listeners (visitor polls and sockets, the operator's inbox) that a conversation
   * changed. `operatorUserId` undefined: not known (the operator may have joined), looked up.
   */
  announce(conversationId: number, operatorUserId?: number | null, posted?: PostedView): void {
    if (operatorUserId !== undefined) {
      this.hub.publish({ conversationId, operatorUserId, ...(posted ? { posted } : {}) });
      return;
    }
    findById(this.env(), conversationId)
      .then((conversation) => this.hub.publish({ conversationId, operatorUserId: conversation?.operatorUserId ?? null, ...(posted ? { posted } : {}) }))
      .catch(() => this.hub.publish({ conversationId, operatorUserId: null }));
  }

  async lastMessageId(conversationId: number): Promise<number> {
    return lastMessageId(this.env(), conversationId);
  }
}

function engineError(error: { kind: "validation" | "user"; message: string }) {
  return error.kind === "user" ? userError(error.message) : validationError(error.message);
}

function testOperator(): Operator {
  return { userId: null, partnerId: null, name: TEST_OPERATOR_NAME };
}

export async function operatorOf(env: Env, userId: number): Promise<Operator> {
  const users = env.model("res.users");
  const names = ["name", "partner_id", ...("livechat_username" in users.definition.fields ? ["livechat_username"] : [])];
  const [user] = await users.read([userId], names);
  return {
    userId,
    partnerId: Array.isArray(user!.partner_id) ? (user!.partner_id[0] as number) : null,
    name: (user!.livechat_username as string) || String(user!.name),
  };
}
