// The conversation driver against a stubbed bridge (no server, no retries): what the visitor
// sees while calls are under way, fail or are refused, and what is sent, with which ids.
import type { BridgeMessage, BridgeStep, BridgeView, InitResult, OpenParams, ReplyParams } from "../../../src/protocol/bridge.ts";
import { ODOO_ERRORS } from "../../../src/protocol/odoo.ts";
import { ConnectionError, RpcError } from "../../../src/rpc/errors.ts";
import type { BridgeCalls } from "../../../src/livechat/chat/core/bridge_service.ts";
import { composerMode } from "../../../src/livechat/chat/core/conversation_model.ts";
import { ConversationService } from "../../../src/livechat/chat/core/conversation_service.ts";
import type { WidgetSettings } from "../../../src/livechat/shared/chat-contract.ts";
import { readConversation, writeConversation, type StoredConversation } from "../../../src/livechat/shared/storage.ts";
import { translator } from "../../../src/livechat/i18n/translate.ts";

const QUESTION: BridgeStep = {
  id: 2,
  type: "question_selection",
  message: "What are you looking for?",
  answers: [
    { id: 21, name: "Pricing", redirect_link: null },
    { id: 22, name: "Just looking", redirect_link: null },
  ],
  is_last: false,
};
const HELLO: BridgeStep = { id: 1, type: "text", message: "Hello!", answers: [], is_last: false };
const EMAIL: BridgeStep = { id: 3, type: "question_email", message: "Your email?", answers: [], is_last: false };
const MULTI: BridgeStep = { id: 4, type: "free_input_multi", message: "Tell us more", answers: [], is_last: false };
const PHONE: BridgeStep = { id: 5, type: "question_phone", message: "Your phone?", answers: [], is_last: false };

function initWith(welcome: BridgeStep[], title = "Welcome Bot"): InitResult {
  return {
    available: true,
    rule: null,
    chatbot: { script_id: 7, title, avatar_url: "http://erp.test/avatar/7", welcome_steps: welcome },
    operator_available: false,
    server: { name: "test", version: "1", features: [] },
    push: { websocket: null, poll_max_timeout: 0 },
  };
}

let nextId = 100;
function message(author: BridgeMessage["author"], body: string, authorName = author === "bot" ? "Welcome Bot" : "Visitor"): BridgeMessage {
  return { id: nextId++, author, author_name: authorName, body, date: new Date().toISOString(), step_id: null, answer_id: null };
}
function view(step: BridgeStep | null, messages: BridgeMessage[] = [], state: BridgeView["state"] = step ? "bot" : "ended"): BridgeView {
  return { token: "tok", messages, step, state, closed: false, operator: null };
}

const refusal = (text: string, name: string = ODOO_ERRORS.user) => new RpcError(200, "Odoo Server Error", { name, message: text });

/** A bridge whose every call is answered by the test, in order; calls are recorded. */
class StubBridge implements BridgeCalls {
  readonly client = {} as BridgeCalls["client"];
  readonly opens: OpenParams[] = [];
  readonly replies: ReplyParams[] = [];
  readonly histories: string[] = [];
  onOpen: (params: OpenParams) => Promise<BridgeView> = async () => view(QUESTION, [message("bot", "Hello!"), message("bot", QUESTION.message!)]);
  onReply: (params: ReplyParams) => Promise<BridgeView> = async () => view(null);
  onHistory: (token: string) => Promise<BridgeView> = async () => view(null);
  open(params: OpenParams) {
    this.opens.push(params);
    return this.onOpen(params);
  }
  reply(params: ReplyParams) {
    this.replies.push(params);
    return this.onReply(params);
  }
  restart(): Promise<BridgeView> {
    return Promise.reject(new Error("not expected"));
  }
  history(token: string) {
    this.histories.push(token);
    return this.onHistory(token);
  }
}

let keys = 0;
function settings(overrides: Partial<WidgetSettings> = {}): WidgetSettings {
  return { baseUrl: "http://erp.test", channelId: 1, lang: "en", locale: "en", typingDelayMs: 0, multilineDelayMs: 40, pollIntervalMs: 1000, storageKey: `test.conversation.${keys++}`, ...overrides };
}

const RO = {
  ro: {
    "This conversation has ended.": "Această conversație s-a încheiat.",
    "Not delivered: %s": "Nelivrat: %s",
  },
};

/** Waits until `condition` holds (the service works through a queue of promises and timers). */
async function until(condition: () => boolean, what: string, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

QUnit.module("livechat: conversation service", () => {
  QUnit.test("while the first answer is on its way, the welcome question's answers stay away: a second click sends nothing", async (assert) => {
    const bridge = new StubBridge();
    const reply = deferred<BridgeView>();
    bridge.onReply = () => reply.promise;
    const service = new ConversationService(settings(), initWith([HELLO, QUESTION]), (t) => t, bridge);
    await service.start(null);
    assert.strictEqual(service.state.step?.id, QUESTION.id, "the welcome question waits");
    void service.chooseAnswer(QUESTION.answers[0]!);
    await until(() => bridge.replies.length === 1, "the reply");
    assert.strictEqual(bridge.opens.length, 1, "stored on the first interaction");
    assert.strictEqual(service.state.token, "tok");
    assert.strictEqual(service.state.step, null, "no answer buttons while the answer is on its way");
    await service.chooseAnswer(QUESTION.answers[1]!);
    assert.strictEqual(bridge.replies.length, 1, "nothing more sent");
    reply.resolve(view(EMAIL, [message("visitor", "Pricing"), message("bot", EMAIL.message!)]));
    await until(() => service.state.step?.id === EMAIL.id, "the next step");
    assert.deepEqual(
      service.state.messages.map((m) => m.body),
      ["Hello!", "What are you looking for?", "Pricing", "Your email?"],
    );
  });

  QUnit.test("the server's copies of the welcome messages take their ids in place, under the same keys", async (assert) => {
    const bridge = new StubBridge();
    const service = new ConversationService(settings(), initWith([HELLO, QUESTION]), (t) => t, bridge);
    await service.start(null);
    const before = service.state.messages.map((m) => m.key);
    await service.chooseAnswer(QUESTION.answers[0]!);
    const welcome = service.state.messages.slice(0, 2);
    assert.deepEqual(
      welcome.map((m) => m.key),
      before,
      "same keys: a screen reader's live region does not read them again",
    );
    assert.true(
      welcome.every((m) => typeof m.id === "number"),
      "they now have the server's ids",
    );
  });

  QUnit.test("a refused message stays, marked as not delivered with the reason in the page's language", async (assert) => {
    const bridge = new StubBridge();
    bridge.onHistory = async () => view(null, [message("bot", "Hello!"), message("visitor", "Pricing"), message("bot", EMAIL.message!), message("visitor", "other.tab@example.com")], "ended");
    const service = new ConversationService(settings({ lang: "ro" }), initWith([HELLO, QUESTION]), translator("ro", RO), bridge);
    service.start(view(EMAIL, [message("bot", EMAIL.message!)]));
    bridge.onReply = async () => {
      throw refusal("This conversation has ended.");
    };
    await service.sendText("late@example.com");
    const late = service.state.messages.find((m) => m.body === "late@example.com");
    assert.ok(late, "the visitor's text is still there");
    assert.strictEqual(late?.status, "refused");
    assert.strictEqual(late?.error, "Această conversație s-a încheiat.");
    assert.strictEqual(service.state.notice?.text, "Această conversație s-a încheiat.", "the notice is translated too");
    assert.strictEqual(bridge.histories.length, 1, "then shows where the conversation is");
    assert.strictEqual(service.state.messages.at(-1)?.body, "late@example.com", "after what the server holds");
    assert.strictEqual(service.state.state, "ended");
  });

  QUnit.test("multi-line: a line that failed is sent before the answer is finished; the finish keeps one id across attempts", async (assert) => {
    const bridge = new StubBridge();
    let network = false;
    const finishes: string[] = [];
    bridge.onReply = async (params) => {
      if (!network) throw new ConnectionError("offline");
      if (params.hold) return view(MULTI, [message("visitor", params.text!)]);
      finishes.push(params.client_msg_id);
      // The first finish is lost on the way back; the second attempt gets the answer.
      if (finishes.length === 1) throw new ConnectionError("connection reset");
      return view(PHONE, [message("bot", PHONE.message!)]);
    };
    const service = new ConversationService(settings(), initWith([HELLO, QUESTION]), (t) => t, bridge);
    service.start(view(MULTI, [message("bot", MULTI.message!)]));
    await service.sendText("first line");
    const line = service.state.messages.find((m) => m.body === "first line")!;
    assert.strictEqual(line.status, "failed");
    // The silence passes while the line is still not through: no finish without it.
    await until(() => bridge.replies.length >= 2, "the line sent again at the end of the silence");
    assert.true(
      bridge.replies.every((r) => r.hold === true),
      "only the line was tried, never the finish",
    );
    assert.strictEqual(service.state.step?.id, MULTI.id, "still the same question");
    network = true;
    await until(() => service.state.step?.id === PHONE.id, "the answer finished", 3000);
    assert.strictEqual(line.status, "sent");
    const lineIds = new Set(bridge.replies.filter((r) => r.hold).map((r) => r.client_msg_id));
    assert.strictEqual(lineIds.size, 1, "the line kept its id");
    assert.strictEqual(finishes.length, 2);
    assert.strictEqual(finishes[0], finishes[1], "the finish kept its id: a retry changes nothing on the server");
    const firstFinish = bridge.replies.findIndex((r) => !r.hold);
    assert.true(
      bridge.replies.slice(firstFinish).every((r) => !r.hold),
      "no line after the finish",
    );
  });

  QUnit.test("multi-line: typing postpones the finish", async (assert) => {
    const bridge = new StubBridge();
    bridge.onReply = async (params) => (params.hold ? view(MULTI, [message("visitor", params.text!)]) : view(PHONE, [message("bot", PHONE.message!)]));
    const service = new ConversationService(settings({ multilineDelayMs: 60 }), initWith([HELLO, QUESTION]), (t) => t, bridge);
    service.start(view(MULTI, [message("bot", MULTI.message!)]));
    await service.sendText("a line");
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      service.typingActivity();
    }
    assert.strictEqual(bridge.replies.filter((r) => !r.hold).length, 0, "not finished while the visitor types");
    await until(() => service.state.step?.id === PHONE.id, "finished after the silence");
  });

  QUnit.test("multi-line: a refused finish shows where the conversation is", async (assert) => {
    const bridge = new StubBridge();
    bridge.onReply = async (params) => {
      if (params.hold) return view(MULTI, [message("visitor", params.text!)]);
      throw refusal("This conversation has ended.");
    };
    bridge.onHistory = async () => view(null, [message("bot", MULTI.message!), message("visitor", "a line")], "ended");
    const service = new ConversationService(settings(), initWith([HELLO, QUESTION]), (t) => t, bridge);
    service.start(view(MULTI, [message("bot", MULTI.message!)]));
    await service.sendText("a line");
    await until(() => bridge.histories.length === 1, "the history asked for");
    await until(() => service.state.state === "ended", "the conversation as the server has it");
    assert.strictEqual(service.state.step, null, "not the stale question");
  });

  QUnit.test("a script of welcome text steps only ends with them: Restart is offered", async (assert) => {
    const bridge = new StubBridge();
    const bye: BridgeStep = { id: 9, type: "text", message: "That is all, bye!", answers: [], is_last: true };
    const service = new ConversationService(settings(), initWith([HELLO, bye]), (t) => t, bridge);
    await service.start(null);
    assert.strictEqual(service.state.state, "ended");
    const mode = composerMode(service.state, true);
    assert.deepEqual([mode.placeholder, mode.restart], ["Conversation ended...", true]);
    assert.strictEqual(bridge.opens.length, 0, "nothing stored");
  });

  QUnit.test("a stored conversation the loader could not fetch is loaded here; never a new one over its token", async (assert) => {
    const bridge = new StubBridge();
    let fail = true;
    bridge.onHistory = async () => {
      if (fail) throw new ConnectionError("offline");
      return view(EMAIL, [message("bot", "Hello!", "Lead Bot"), message("visitor", "Pricing"), message("bot", EMAIL.message!, "Lead Bot")]);
    };
    const s = settings();
    const stored: StoredConversation = { token: "tok", open: true };
    writeConversation(s.storageKey, stored);
    const service = new ConversationService(s, initWith([HELLO, QUESTION]), (t) => t, bridge);
    await service.start(null, stored);
    assert.strictEqual(service.state.token, "tok");
    assert.deepEqual(service.state.messages, [], "no welcome of a new conversation");
    assert.strictEqual(service.state.notice?.kind, "retrying");
    assert.false(composerMode(service.state, true).enabled, "nothing to answer yet");
    fail = false;
    // The window's own Event class (in Node, jsdom refuses Node's).
    window.dispatchEvent(new (window as unknown as { Event: typeof Event }).Event("online"));
    await until(() => service.state.step?.id === EMAIL.id, "the conversation loaded");
    assert.strictEqual(bridge.opens.length, 0, "no new conversation");
    assert.strictEqual(service.state.bot?.name, "Lead Bot", "the header names the conversation's bot");
    assert.strictEqual(readConversation(s.storageKey)?.token, "tok");
    writeConversation(s.storageKey, null);
  });

  QUnit.test("a stored conversation the server does not know: a new one may start", async (assert) => {
    const bridge = new StubBridge();
    bridge.onHistory = async () => {
      throw refusal("This conversation does not exist.", ODOO_ERRORS.missing);
    };
    const s = settings();
    writeConversation(s.storageKey, { token: "gone", open: true });
    const service = new ConversationService(s, initWith([HELLO, QUESTION]), (t) => t, bridge);
    await service.start(null, { token: "gone", open: true });
    assert.strictEqual(service.state.token, null);
    assert.strictEqual(service.state.step?.id, QUESTION.id, "the welcome steps of a new conversation");
    assert.strictEqual(readConversation(s.storageKey), null);
  });

  QUnit.test("the header names the conversation's bot, stored with its token, not this page's", async (assert) => {
    const bridge = new StubBridge();
    const s = settings();
    // Opened on a page whose rule serves the Welcome Bot: its name and picture go with the token.
    const first = new ConversationService(s, initWith([HELLO, QUESTION]), (t) => t, bridge);
    await first.start(null);
    await first.chooseAnswer(QUESTION.answers[1]!);
    const stored = readConversation(s.storageKey)!;
    assert.deepEqual(stored.bot, { name: "Welcome Bot", avatar: "http://erp.test/avatar/7" });
    // Resumed on a page without a bot, or with another one.
    const noBot: InitResult = { ...initWith([]), chatbot: null };
    const resumed = new ConversationService(s, noBot, (t) => t, bridge);
    resumed.start(view(null, [message("bot", "Hello!")]), stored);
    assert.deepEqual(resumed.state.bot, { name: "Welcome Bot", avatar: "http://erp.test/avatar/7" });
    const other = new ConversationService(s, initWith([HELLO, QUESTION], "Lead Bot"), (t) => t, bridge);
    other.start(view(null, [message("bot", "Hello!")]), { token: "tok", open: true });
    assert.strictEqual(other.state.bot?.name, "Welcome Bot", "without a stored bot: the author of its bot messages");
    writeConversation(s.storageKey, null);
  });
});
