// Live push over WebSocket at /chatbot_bridge/v1/ws. A visitor connects with `?token=…` and
// receives `{"type":"view","view":View}` frames with the new messages of its conversation; an
// operator connects with the login session cookie and receives the same frames (plus
// `conversation_id`) for every conversation they operate. Clients send nothing but pings.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { BridgeView } from "../../protocol/bridge.ts";
import type { RequestContext } from "../http/context.ts";
import { jsonText } from "../http/json-text.ts";
import { findById, findByToken, lastMessageId, readMessages } from "./conversation-store.ts";
import type { OperatorDesk } from "./operator-desk.ts";
import type { PostedView } from "./hub.ts";
import type { LivechatRuntime } from "./runtime.ts";

const PING_MS = 30_000;

function refuse(socket: Duplex, status: string) {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export class LivePushSockets {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  constructor(
    private readonly runtime: LivechatRuntime,
    private readonly desk: OperatorDesk,
  ) {}

  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, ctx: RequestContext): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const token = url.searchParams.get("token");
    const afterParam = Number(url.searchParams.get("after_id") ?? NaN);
    const env = this.runtime.env();
    if (token !== null) {
      const conversation = await findByToken(env, token);
      if (!conversation) return refuse(socket, "403 Forbidden");
      const after = Number.isInteger(afterParam) && afterParam >= 0 ? afterParam : await lastMessageId(env, conversation.id);
      this.server.handleUpgrade(request, socket, head, (ws) => this.serveVisitor(ws, conversation.id, after));
      return;
    }
    if (!ctx.session) return refuse(socket, "401 Unauthorized");
    const session = ctx.session;
    const since = await this.globalLastMessageId();
    this.server.handleUpgrade(request, socket, head, (ws) => this.serveOperator(ws, session.uid, since));
  }

  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private serveVisitor(ws: WebSocket, conversationId: number, after: number) {
    let lastSent = after;
    // Steps' own Views since the last run, in order; null for a change that brought none.
    const carried: (PostedView | null)[] = [];
    // A PushFrame, as JSON.stringify({ type: "view", view }) gives it, reusing the text a step made of its View.
    const sendView = (view: BridgeView) => {
      if (ws.readyState === ws.OPEN) ws.send(`{"type":"view","view":${jsonText(view)}}`);
    };
    const send = serialized(async () => {
      const changes = carried.splice(0);
      const views = followOn(changes, lastSent);
      if (views) {
        for (const view of views) {
          lastSent = view.messages[view.messages.length - 1]!.id;
          sendView(view);
        }
        return;
      }
      const env = this.runtime.env();
      const messages = await readMessages(env, conversationId, { afterId: lastSent });
      const conversation = await findById(env, conversationId);
      if (!conversation || !messages.length) return;
      const view = await this.runtime.viewOf(env, conversation, messages);
      // Only now: if building the view failed (database away), the next run sends them again.
      lastSent = messages[messages.length - 1]!.id;
      sendView(view);
    });
    const off = this.runtime.hub.onConversation(conversationId, (event) => {
      carried.push(event.posted ?? null);
      send();
    });
    keepAlive(ws, off);
  }

  private serveOperator(ws: WebSocket, userId: number, since: number) {
    const lastSent = new Map<number, number>();
    const sendFor = (conversationId: number) =>
      serialized(async () => {
        const env = this.runtime.env();
        const conversation = await findById(env, conversationId);
        if (!conversation || conversation.operatorUserId !== userId) return;
        const messages = await readMessages(env, conversationId, { afterId: lastSent.get(conversationId) ?? since });
        if (!messages.length) return;
        lastSent.set(conversationId, messages[messages.length - 1]!.id);
        const frame = { type: "view" as const, conversation_id: conversationId, view: this.desk.operatorView(conversation, messages) };
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
      });
    const senders = new Map<number, () => void>();
    const off = this.runtime.hub.onOperator(userId, (event) => {
      let send = senders.get(event.conversationId);
      if (!send) senders.set(event.conversationId, (send = sendFor(event.conversationId)));
      send();
    });
    keepAlive(ws, off);
  }

  private async globalLastMessageId(): Promise<number> {
    const row = await this.runtime.env().db.selectFrom("mail_message").select((eb) => eb.fn.max("id").as("last")).executeTakeFirst();
    return Number((row as { last: number | null } | undefined)?.last ?? 0);
  }
}

/**
 * The Views of `changes` with messages, when each change follows on from what was sent before
 * it (its `afterId` is the last message id sent); null when any does not, or brought no View,
 * and the messages must be read.
 */
export function followOn(changes: (PostedView | null)[], lastSent: number): BridgeView[] | null {
  if (!changes.length) return null;
  const views: BridgeView[] = [];
  let cursor = lastSent;
  for (const change of changes) {
    if (!change || change.afterId !== cursor) return null;
    if (!change.view.messages.length) continue;
    views.push(change.view);
    cursor = change.view.messages[change.view.messages.length - 1]!.id;
  }
  return views;
}

/** One run at a time; a call during a run schedules exactly one more run. */
function serialized(run: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const loop = async () => {
    running = true;
    do {
      again = false;
      await run().catch(() => undefined);
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void loop();
  };
}

function keepAlive(ws: WebSocket, off: () => void) {
  let alive = true;
  ws.on("pong", () => (alive = true));
  ws.on("message", () => (alive = true)); // client pings as text frames count too
  const timer = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, PING_MS);
  timer.unref();
  ws.on("close", () => {
    clearInterval(timer);
    off();
  });
  ws.on("error", () => ws.terminate());
}
