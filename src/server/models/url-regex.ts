// Channel rule URL regexes, run by a linear-time engine (RE2): an admin's pattern such as
// `(a+)+$` must not let one visitor's URL hold the server's only thread for minutes, as a
// backtracking engine would. Odoo searches the pattern in the URL (Python's re.search);
// RE2 runs the same syntax for what URL patterns use, without backreferences and lookaround.
import { RE2JS } from "re2js";

/** Compiled patterns by source: rules are few and matched at every `init`. */
const compiled = new Map<string, RE2JS | Error>();
const CACHE_LIMIT = 1_000;

function compile(pattern: string): RE2JS | Error {
  let entry = compiled.get(pattern);
  if (entry) return entry;
  try {
    entry = RE2JS.compile(pattern);
  } catch (error) {
    entry = error instanceof Error ? error : new Error(String(error));
  }
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(pattern, entry);
  return entry;
}

/** Why the pattern cannot be used, or null when it can. */
export function urlRegexProblem(pattern: string): string | null {
  const entry = compile(pattern);
  return entry instanceof Error ? entry.message.replace(/^error parsing regexp: /, "") : null;
}

/** Whether the pattern is found in the URL; an empty pattern matches every page, an unusable one none. */
export function urlRegexFound(pattern: string, url: string): boolean {
  if (!pattern) return true;
  const entry = compile(pattern);
  return entry instanceof Error ? false : entry.matcher(url).find();
}
