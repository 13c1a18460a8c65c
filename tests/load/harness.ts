// Load harness: a chatbot of free-input steps made over call_kw, and visitors that open a
// conversation, listen on the live push WebSocket and reply with retries that reuse the same
// client_msg_id. The server address may change under their feet (restart after a crash).
import { Agent, request } from "undici";
import WebSocket from "ws";
import { OdooClient } from "../../src/rpc/odoo-client.ts";
import { JsonRpcTransport } from "../../src/rpc/transport.ts";
import { BRIDGE_ROUTES, type BridgeMessage, type BridgeView, type PushFrame } from "../../src/protocol/bridge.ts";

/** Where the server is right now; a restart moves it to another port. */
export interface Target {
  baseUrl: string;
}

export class CallFailed extends Error {
  constructor(
    /** "connection": no HTTP answer; "rpc": a JSON-RPC error; "http": a non-JSON answer. */
    readonly kind: "connection" | "rpc" | "http",
    readonly status: number,
    readonly errorName: string | null,
    message: string,
  ) {
    super(message);
  }
  /** Worth retrying as is: no answer, the server is busy, or its database is away for a moment. */
  get retryable(): boolean {
    return this.kind === "connection" || this.status === 503;
  }
}

// undici's pooled `request`, not `fetch`: the generator shares the machine with the server, and
// fetch's per-call machinery would take CPU the server's figures should get.
const agent = new Agent({ keepAliveTimeout: 4_000, keepAliveTimeoutThreshold: 1_000 });

export async function post<T>(target: Target, route: string, params: object, timeoutMs = 60_000): Promise<T> {
  let status: number;
  let text = "";
  try {
    const response = await request(target.baseUrl + route, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", method: "call", params, id: 1 }),
      dispatcher: agent,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    const failure = (error ?? {}) as { code?: string; message?: string };
    throw new CallFailed("connection", 0, null, `${failure.code ?? ""} ${failure.message ?? String(error)}`.trim());
  }
  let body: { result?: T; error?: { message?: string; data?: { name?: string; message?: string } } };
  try {
    body = JSON.parse(text);
  } catch {
    throw new CallFailed("http", status, null, `HTTP ${status}: ${text.slice(0, 200)}`);
  }
  if (body.error) throw new CallFailed("rpc", status, body.error.data?.name ?? null, body.error.data?.message ?? body.error.message ?? "error");
  return body.result as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls until an answer that is not retryable, or the deadline; counts the retries. */
export async function postWithRetry<T>(target: Target, route: string, params: object, deadline: number, stats: Pick<Stats, "retries" | "retryReasons">): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await post<T>(target, route, params);
    } catch (error) {
      if (!(error instanceof CallFailed) || !error.retryable || Date.now() > deadline) throw error;
      stats.retries++;
      const reason = error.message.replace(/\d+/g, "N").slice(0, 80);
      stats.retryReasons?.set(reason, (stats.retryReasons.get(reason) ?? 0) + 1);
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
  }
}

export interface LoadBot {
  scriptId: number;
  channelId: number;
  url: string;
  questions: string[];
}

/** A chatbot of `steps` free-input questions, served on channel 1 by its own rule. */
export async function createFreeInputBot(baseUrl: string, steps: number, title = `Load Bot ${Date.now().toString(36)}`): Promise<LoadBot> {
  const admin = new OdooClient(new JsonRpcTransport({ baseUrl, cookieJar: true }));
  const [db] = await admin.listDatabases();
  await admin.authenticate(db!, process.env.ADMIN_LOGIN ?? "admin", process.env.ADMIN_PASSWORD ?? "admin");
  const questions = Array.from({ length: steps }, (_, i) => `Question ${i + 1} of ${title}?`);
  const scriptId = await admin.create("chatbot.script", {
    title,
    script_step_ids: questions.map((message, i) => [0, 0, { step_type: "free_input_single", message, sequence: i + 1 }]),
  });
  const slug = `load-${scriptId}`;
  await admin.create("im_livechat.channel.rule", { channel_id: 1, chatbot_script_id: scriptId, regex_url: `/${slug}`, action: "display_button", sequence: 1 });
  return { scriptId, channelId: 1, url: `${baseUrl}/${slug}`, questions };
}

export interface Stats {
  retries: number;
  errors: string[];
  /** Why calls were retried (connection refused, HTTP 503, …), with counts. */
  retryReasons?: Map<string, number>;
}

/** One visitor: its conversation, what the server acknowledged, and what live push delivered. */
export class LoadVisitor {
  token = "";
  /** Texts of the replies the server acknowledged, in the order sent. */
  readonly acknowledged: string[] = [];
  /** Message ids received by push, and how many arrived twice. */
  readonly pushed = new Set<number>();
  pushDuplicates = 0;
  /** The last message id of the open call: push must deliver everything after it. */
  openedAfter = 0;
  lastView: BridgeView | null = null;
  private socket: WebSocket | null = null;
  private listening = false;

  constructor(
    readonly index: number,
    private readonly target: Target,
    private readonly stats: Stats,
  ) {}

  async open(bot: LoadBot, deadline: number): Promise<void> {
    const view = await postWithRetry<BridgeView>(
      this.target,
      BRIDGE_ROUTES.open,
      { channel_id: bot.channelId, url: bot.url, script_id: bot.scriptId, client_open_id: `open-${process.pid}-${this.index}-${bot.scriptId}` },
      deadline,
      this.stats,
    );
    this.token = view.token;
    this.openedAfter = Math.max(0, ...view.messages.map((m) => m.id));
    this.lastView = view;
  }

  /** Listens for push frames; reconnects (from the last id seen) until `stopListening`. */
  listen(): Promise<void> {
    this.listening = true;
    return new Promise((resolve) => {
      const connect = () => {
        if (!this.listening) return;
        const after = Math.max(this.openedAfter, ...this.pushed);
        const url = `${this.target.baseUrl.replace(/^http/, "ws")}${BRIDGE_ROUTES.websocket}?token=${encodeURIComponent(this.token)}&after_id=${after}`;
        const socket = new WebSocket(url);
        this.socket = socket;
        let opened = false;
        socket.on("open", () => {
          opened = true;
          resolve();
        });
        socket.on("message", (data) => {
          const frame = JSON.parse(String(data)) as PushFrame;
          for (const message of frame.view.messages) {
            if (this.pushed.has(message.id)) this.pushDuplicates++;
            this.pushed.add(message.id);
          }
        });
        socket.on("error", () => undefined);
        socket.on("close", () => {
          if (!opened) resolve(); // the caller waits for the first attempt only
          if (this.listening) setTimeout(connect, 100 + Math.random() * 200);
        });
      };
      connect();
    });
  }

  stopListening(): void {
    this.listening = false;
    this.socket?.terminate();
  }

  async reply(text: string, clientMsgId: string, deadline: number): Promise<BridgeView> {
    const view = await postWithRetry<BridgeView>(this.target, BRIDGE_ROUTES.reply, { token: this.token, client_msg_id: clientMsgId, text }, deadline, this.stats);
    this.acknowledged.push(text);
    this.lastView = view;
    return view;
  }

  history(deadline: number): Promise<BridgeView> {
    return postWithRetry<BridgeView>(this.target, BRIDGE_ROUTES.history, { token: this.token }, deadline, this.stats);
  }
}

export const replyText = (visitor: number, reply: number) => `visitor ${visitor} says ${reply}`;

/**
 * What must hold for one visitor after its replies: the transcript is exactly the questions
 * and the acknowledged replies, alternating, each once and in order, ids ascending.
 */
export function transcriptProblem(visitor: LoadVisitor, messages: BridgeMessage[], bot: LoadBot): string | null {
  const ids = messages.map((m) => m.id);
  if (ids.some((id, i) => i > 0 && id <= ids[i - 1]!)) return "message ids are not ascending";
  const expected: string[] = [bot.questions[0]!];
  visitor.acknowledged.forEach((text, i) => expected.push(text, bot.questions[i + 1]!));
  const actual = messages.map((m) => m.body);
  if (actual.length !== expected.length) return `expected ${expected.length} messages, found ${actual.length}`;
  const at = actual.findIndex((body, i) => body !== expected[i]);
  if (at >= 0) return `message ${at}: expected ${JSON.stringify(expected[at])}, found ${JSON.stringify(actual[at])}`;
  const authors = messages.map((m) => m.author).join(",");
  if (authors !== expected.map((_, i) => (i % 2 ? "visitor" : "bot")).join(",")) return `authors out of order: ${authors}`;
  return null;
}

/** Push must have delivered every message after the open call, each once. */
export function pushProblem(visitor: LoadVisitor, messages: BridgeMessage[]): string | null {
  const missing = messages.filter((m) => m.id > visitor.openedAfter && !visitor.pushed.has(m.id));
  if (missing.length) return `${missing.length} message(s) never pushed (first id ${missing[0]!.id})`;
  if (visitor.pushDuplicates) return `${visitor.pushDuplicates} message(s) pushed twice`;
  return null;
}

/** Runs `tasks` with at most `width` at a time. */
export async function inBatches<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}
