// How visitors get live messages from this server. Defaults: WebSocket, and `session/poll`
// held up to 30 s. BRIDGE_POLL_MAX_TIMEOUT=0 BRIDGE_WEBSOCKET=0 make the embedded ERP answer
// as Odoo with prefork workers does (no socket, quick polls), so clients can be tested in
// that mode.
import { LIMITS } from "../../protocol/bridge.ts";

export interface PushMode {
  websocket: boolean;
  /** Seconds a `session/poll` may be held (0: answered at once). */
  pollMaxTimeout: number;
}

export function pushModeFromEnv(env: NodeJS.ProcessEnv = process.env): PushMode {
  const raw = env.BRIDGE_POLL_MAX_TIMEOUT;
  const timeout = raw === undefined || raw === "" ? LIMITS.pollMaxTimeout : Number(raw);
  return {
    websocket: !["0", "false", "no", "off"].includes((env.BRIDGE_WEBSOCKET ?? "").toLowerCase()),
    pollMaxTimeout: Number.isFinite(timeout) ? Math.max(0, Math.min(LIMITS.pollMaxTimeout, Math.floor(timeout))) : LIMITS.pollMaxTimeout,
  };
}

export const PUSH_MODE = pushModeFromEnv();
