// New messages while an operator is in the conversation: the server's WebSocket when it
// offers one, else `session/poll` (held up to poll_max_timeout; Odoo's prefork workers
// cannot hold connections, so there it is a quick poll every few seconds).
import { BRIDGE_ROUTES, type BridgeView, type InitResult, type PollParams, type PushFrame } from "../../../protocol/bridge.ts";
import { RpcError } from "../../../rpc/errors.ts";
import type { BridgeClient } from "../../../rpc/bridge-client.ts";

export interface LiveUpdateOptions {
  client: BridgeClient;
  push: InitResult["push"];
  token: string;
  pollIntervalMs: number;
  afterId: () => number;
  onView: (view: BridgeView) => void;
  /** Told when live updates keep failing (true) and when they work again (false). */
  onTrouble?: (trouble: boolean) => void;
}

/** Failures in a row before the visitor is told (one failed reconnect is routine). */
const TROUBLE_AFTER = 3;
/** A held poll may take its whole timeout: it is given up only this much later. */
const POLL_MARGIN_MS = 10_000;

export class LiveUpdates {
  private socket: WebSocket | null = null;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private abort: AbortController | null = null;
  private failures = 0;

  constructor(private readonly options: LiveUpdateOptions) {}

  start(): void {
    const url = this.options.push.websocket;
    if (url && typeof WebSocket !== "undefined") this.connect(url);
    else void this.poll();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
    this.abort?.abort();
    if (this.timer) clearTimeout(this.timer);
  }

  private connect(base: string): void {
    const url = new URL(base, this.options.client.transport.baseUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : url.protocol === "http:" ? "ws:" : url.protocol;
    url.searchParams.set("token", this.options.token);
    let opened = false;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url.href);
    } catch {
      // Refused before connecting (e.g. the page's Content-Security-Policy): poll instead.
      void this.poll();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      opened = true;
      this.succeeded();
      // Messages posted while the socket was connecting.
      void this.catchUp();
    };
    socket.onmessage = (event) => {
      try {
        const frame = JSON.parse(String(event.data)) as PushFrame;
        if (frame.type === "view") this.options.onView(frame.view);
      } catch {
        /* not a frame of ours */
      }
    };
    socket.onclose = () => {
      if (this.stopped) return;
      this.socket = null;
      // A socket that worked is tried again; one that never opened gives way to polling.
      if (opened) {
        this.failed();
        this.timer = setTimeout(() => this.connect(base), 2000);
      } else void this.poll();
    };
  }

  private async catchUp(): Promise<void> {
    try {
      this.options.onView(await this.request({ token: this.options.token, after_id: this.options.afterId(), timeout: 0 }));
    } catch {
      /* the socket brings the rest */
    }
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    const hold = Math.max(0, Math.min(30, this.options.push.poll_max_timeout));
    // A held poll goes again at once (a short pause guards against a server that answers early).
    let pause = hold > 0 ? 100 : this.options.pollIntervalMs;
    try {
      this.abort = new AbortController();
      const view = await this.request({ token: this.options.token, after_id: this.options.afterId(), timeout: hold }, this.abort.signal);
      this.succeeded();
      this.options.onView(view);
    } catch (error) {
      if (this.stopped) return;
      // The conversation is gone: nothing more will come.
      if (error instanceof RpcError && error.status < 500 && error.status !== 429) return;
      this.failed();
      pause = Math.max(pause, this.options.pollIntervalMs);
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), pause);
  }

  /** `session/poll`, given up a little after the time the server may hold it. */
  private request(params: PollParams, signal?: AbortSignal): Promise<BridgeView> {
    return this.options.client.transport.call<BridgeView>(BRIDGE_ROUTES.poll, params, signal, (params.timeout ?? 0) * 1000 + POLL_MARGIN_MS);
  }

  private failed(): void {
    if (++this.failures === TROUBLE_AFTER) this.options.onTrouble?.(true);
  }

  private succeeded(): void {
    if (this.failures >= TROUBLE_AFTER) this.options.onTrouble?.(false);
    this.failures = 0;
  }
}
