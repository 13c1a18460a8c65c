// Open long polls per visitor token: a widget needs one (two while a tab reloads); thousands
// from one token would only hold sockets. Configured by BRIDGE_MAX_POLLS_PER_TOKEN (default 4).

export function pollsPerTokenFromEnv(value = process.env.BRIDGE_MAX_POLLS_PER_TOKEN): number {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : 4;
}

export class OpenPolls {
  private readonly open = new Map<string, number>();

  constructor(private readonly perToken: number) {}

  /** Counts one more poll of `token`; null when it already has the most allowed. */
  take(token: string): (() => void) | null {
    const count = this.open.get(token) ?? 0;
    if (count >= this.perToken) return null;
    this.open.set(token, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(token) ?? 1) - 1;
      if (left > 0) this.open.set(token, left);
      else this.open.delete(token);
    };
  }
}
