// How long the bot "types" before a message shows: longer for longer messages, capped,
// as a person would. Odoo uses a flat 1.5 s; a length-based delay feels less mechanical.

export interface TypingDelayOptions {
  /** Upper bound in ms; 0 shows messages at once (tests). */
  maxMs: number;
  minMs?: number;
  perCharMs?: number;
}

export const DEFAULT_TYPING_DELAY: Required<TypingDelayOptions> = { maxMs: 1500, minMs: 400, perCharMs: 15 };

export function typingDelay(text: string | null | undefined, options: TypingDelayOptions = DEFAULT_TYPING_DELAY): number {
  const { maxMs, minMs = DEFAULT_TYPING_DELAY.minMs, perCharMs = DEFAULT_TYPING_DELAY.perCharMs } = options;
  if (maxMs <= 0) return 0;
  // Count characters as a reader sees them (an emoji is one).
  const length = text ? Array.from(text).length : 0;
  return Math.min(maxMs, Math.round(minMs + length * perCharMs));
}
