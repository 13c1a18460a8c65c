// The visitor's conversation token, kept in the host page's localStorage per server and
// channel, so the conversation resumes after a reload or on another page of the site.

export interface StoredConversation {
  token: string;
  /** The chat window was open: reopen it on the next page (e.g. after a redirect answer). */
  open: boolean;
}

export function storageKey(baseUrl: string, channelId: number): string {
  return `chatbot_bridge.v1:${baseUrl}:${channelId}`;
}

// localStorage can be missing or throw (privacy modes, sandboxed iframes): then nothing persists.
export function readConversation(key: string): StoredConversation | null {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? "null") as StoredConversation | null;
    return value && typeof value.token === "string" ? { token: value.token, open: !!value.open } : null;
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
