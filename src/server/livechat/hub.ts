// Live push inside one process: listeners per conversation (visitors' long polls and sockets)
// and per operator (their inbox socket). A notification says "conversation N changed"; each
// listener reads what it needs. A visitor's step may also hand its own View along, which a
// listener that has sent everything up to that step can pass on without reading; it never
// leaves this process.
import type { BridgeView } from "../../protocol/bridge.ts";

export interface ConversationEvent {
  conversationId: number;
  /** The operator user concerned, if any (their inbox is refreshed). */
  operatorUserId: number | null;
  /** What one step posted: its View, and the conversation's newest message id before it. */
  posted?: PostedView;
}

export interface PostedView {
  afterId: number;
  view: BridgeView;
}

type Listener = (event: ConversationEvent) => void;

export class LiveHub {
  private readonly byConversation = new Map<number, Set<Listener>>();
  private readonly byOperator = new Map<number, Set<Listener>>();
  /** Hands events to other processes (PostgreSQL NOTIFY); local delivery happens anyway. */
  forward: ((event: ConversationEvent) => void) | null = null;

  onConversation(conversationId: number, listener: Listener): () => void {
    return add(this.byConversation, conversationId, listener);
  }

  onOperator(userId: number, listener: Listener): () => void {
    return add(this.byOperator, userId, listener);
  }

  /** Announces a change made by this process. */
  publish(event: ConversationEvent): void {
    this.deliver(event);
    this.forward?.({ conversationId: event.conversationId, operatorUserId: event.operatorUserId });
  }

  /** Delivers an event to the listeners of this process. */
  deliver(event: ConversationEvent): void {
    for (const listener of [...(this.byConversation.get(event.conversationId) ?? [])]) listener(event);
    if (event.operatorUserId !== null) for (const listener of [...(this.byOperator.get(event.operatorUserId) ?? [])]) listener(event);
  }

  /** Resolves at the next event of `conversationId`, or with false after `ms`. */
  waitFor(conversationId: number, ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        off();
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      };
      const onAbort = () => finish(false);
      const off = this.onConversation(conversationId, () => finish(true));
      const timer = setTimeout(() => finish(false), ms);
      signal?.addEventListener("abort", onAbort);
    });
  }
}

function add(map: Map<number, Set<Listener>>, key: number, listener: Listener): () => void {
  const set = map.get(key) ?? new Set<Listener>();
  set.add(listener);
  map.set(key, set);
  return () => {
    set.delete(listener);
    if (!set.size) map.delete(key);
  };
}
