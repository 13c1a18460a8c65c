// The visitor's conversation token, kept in the host page's localStorage per server and
// channel, so the conversation resumes after a reload or on another page of the site.

/** Who the conversation is with, for the header on pages whose own rule serves another bot or none. */
export interface StoredBot {
  name: string;
  avatar: string | null;
}

export interface StoredConversation {
  token: string;
  /** The chat window was open: reopen it on the next page (e.g. after a redirect answer). */
  open: boolean;
  bot?: StoredBot;
}

export function storageKey(baseUrl: string, channelId: number): string {
  return `chatbot_bridge.v1:${baseUrl}:${channelId}`;
}

// localStorage can be missing or throw (privacy modes, sandboxed iframes): then nothing persists.
export function readConversation(key: string): StoredConversation | null {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? "null") as StoredConversation | null;
    if (!value || typeof value.token !== "string") return null;
    const bot = value.bot && typeof value.bot.name === "string" ? { name: value.bot.name, avatar: typeof value.bot.avatar === "string" ? value.bot.avatar : null } : undefined;
    return { token: value.token, open: !!value.open, ...(bot ? { bot } : {}) };
  } catch {
    return null;
  }
}

export function writeConversation(key: string, value: StoredConversation | null): void {
  try {
    if (value) localStorage.setItem(key, JSON.stringify(value));
    else localStorage.removeItem(key);
  } catch {
    /* not persisted */
  }
}
