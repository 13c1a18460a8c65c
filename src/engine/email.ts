// Email answers as Odoo judges them: `email_normalize` (strict: exactly one address containing
// "@"), and the visitor's text as Odoo quotes it in the bot's retry message.
// Contract: the 70 cases recorded on real Odoo in ../shared/vectors/email_normalize.json.

import { parseAddressList, type AddressPair } from "./address-list.ts";

/** Odoo's loose email pattern, used only to recover from a parsed address starting with "@". */
const LOOSE_EMAIL = /[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}/g;

/** The normalised address, or false when the text is not exactly one address. */
export function emailNormalize(text: string): string | false {
  const emails = splitEmails(text);
  if (emails.length !== 1) return false;
  return normalizeAddress(emails[0]!);
}

/** Addresses found in the text (Odoo's `email_split`). */
export function splitEmails(text: string): string[] {
  if (!text) return [];
  let pairs = parseAddressList(text).filter(([, address]) => address && address.includes("@"));
  // "john@@example.com"-like input yields "@example.com"; prefer real-looking addresses if any.
  if (pairs.some(([, address]) => address.startsWith("@"))) {
    const found = (text.match(LOOSE_EMAIL) ?? []).filter((email) => !email.startsWith("@"));
    if (found.length) pairs = found.map((email): AddressPair => ["", email]);
  }
  return pairs.map(splitOnSpaces).map(([, address]) => address);
}

/** "name email@x" written without quotes: reparse with spaces as separators to find the address. */
function splitOnSpaces(pair: AddressPair): AddressPair {
  const [name, address] = pair;
  if (name || !address.includes(" ")) return pair;
  const names: string[] = [];
  let found = "";
  for (const [, part] of parseAddressList(address.replace(/ /g, ","))) {
    if (!part) continue;
    if (part.includes("@")) found = part;
    else names.push(part);
  }
  return found ? [names.join(" "), found] : pair;
}

/** Domain lower-cased; local part lower-cased only when it is ASCII (SMTPUTF8 keeps it). */
function normalizeAddress(address: string): string {
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const asciiLocal = /^[\x00-\x7f]*$/.test(local);
  return `${asciiLocal ? local.toLowerCase() : local}@${domain.toLowerCase()}`;
}

/** The visitor's text as Odoo quotes it: each line trimmed, runs of spaces collapsed. */
export function quoteVisitorText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .trim();
}
