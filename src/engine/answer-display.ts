// Display name of an answer (2.3): "<step message shortened>: <answer name>", the message with
// newlines as spaces and shortened as Python's textwrap.shorten(width=26, placeholder=" [...]").

const WIDTH = 26;
const PLACEHOLDER = " [...]";

export function answerDisplayName(stepMessage: string | false, answerName: string): string {
  if (!stepMessage) return answerName;
  return `${shortenText(stepMessage.replace(/\r?\n/g, " "), WIDTH, PLACEHOLDER)}: ${answerName}`;
}

/** Lengths in code points, as Python counts them. */
const length = (text: string) => [...text].length;

/**
 * textwrap.shorten: collapse whitespace; if it fits, done; else keep as many whole chunks as fit
 * with the placeholder (chunks are words, split after hyphens inside words as textwrap does).
 */
export function shortenText(text: string, width: number, placeholder: string): string {
  const collapsed = text.trim().split(/\s+/).filter(Boolean).join(" ");
  if (length(collapsed) <= width) return collapsed;
  const chunks = collapsed.split(/( )/).flatMap((chunk) => (chunk === " " ? [chunk] : splitHyphenated(chunk)));
  // Fill one line greedily; a chunk longer than the whole width is cut to fit (break_long_words).
  const line: string[] = [];
  let used = 0;
  for (const chunk of chunks) {
    if (used + length(chunk) <= width) {
      line.push(chunk);
      used += length(chunk);
      continue;
    }
    if (!line.length) {
      const cut = [...chunk].slice(0, width).join("");
      line.push(cut);
      used = length(cut);
    }
    break;
  }
  if (line.length && line[line.length - 1] === " ") used -= length(line.pop()!);
  while (line.length) {
    const last = line[line.length - 1]!;
    if (last.trim() && used + length(placeholder) <= width) return line.join("") + placeholder;
    used -= length(last);
    line.pop();
  }
  return placeholder.trimStart();
}

/** "well-known" → ["well-", "known"]: textwrap breaks after a hyphen with two letters before it and a letter after. */
function splitHyphenated(word: string): string[] {
  return word.split(/(?<=[\p{L}_]{2}-)(?=[\p{L}_])/u);
}
