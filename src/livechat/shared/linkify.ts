// Splits message text into plain text and links so templates can render links as <a>
// elements and everything else as text. Only http(s) URLs become links: no javascript:,
// data: or other schemes can reach an href.

export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that ends a sentence rather than the URL. */
const TRAILING = ".,;:!?)]}";

/** Drops trailing punctuation; a ")" stays when it closes a "(" of the URL (wiki/Foo_(bar)). */
function trimUrl(raw: string): string {
  let url = raw;
  while (url && TRAILING.includes(url.at(-1)!)) {
    if (url.endsWith(")") && url.split("(").length > url.split(")").length - 1) break;
    url = url.slice(0, -1);
  }
  return url;
}

/** Returns the URL if it is an absolute http(s) URL, else null. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = trimUrl(match[0]);
    const href = safeHref(raw);
    if (!href) continue;
    const start = match.index!;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last) });
  return parts;
}
