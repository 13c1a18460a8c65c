// Visitor tokens: 192 random bits, URL-safe. A token is the visitor's only credential, so it
// is never derived from anything guessable.
import { randomBytes } from "node:crypto";

const TOKEN_RE = /^[A-Za-z0-9_-]{32}$/;

export function newVisitorToken(): string {
  return randomBytes(24).toString("base64url");
}

/** Cheap shape check before any lookup: anything else cannot be a token of ours. */
export function isWellFormedToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_RE.test(value);
}
