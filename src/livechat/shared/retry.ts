// Retries a call after network trouble, with growing pauses. The caller keeps the same
// request (same client_msg_id), so a retry of a call that did reach the server changes nothing.

export interface RetryOptions {
  /** Pauses before each new attempt, in ms; their count is the number of retries. */
  delaysMs: readonly number[];
  /** Whether this error is worth another attempt (network, 5xx, 429), not a refusal. */
  isRetryable: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  /** Told before each pause (e.g. to show "reconnecting"). */
  onRetry?: (error: unknown, attempt: number) => void;
}

export const DEFAULT_RETRY_DELAYS = [500, 1500, 3000] as const;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? wait;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= options.delaysMs.length || !options.isRetryable(error)) throw error;
      options.onRetry?.(error, attempt + 1);
      await sleep(options.delaysMs[attempt]!);
    }
  }
}

/** A fresh id for one visitor action, kept across its retries. */
export function newClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
