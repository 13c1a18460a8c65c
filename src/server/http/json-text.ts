// The JSON text of a value that several writers send as it is: a step's View is kept as the
// call's result, answered, and pushed to the visitor's socket. It is serialized once and the
// text kept with the object, which is never changed once made (a kept result must be exactly
// what was answered anyway).
const texts = new WeakMap<object, string>();

/** `JSON.stringify(value)`, computed once per object. */
export function jsonText(value: object): string {
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}

/** The text `jsonText` already made for `value`, if any. */
export function knownJsonText(value: unknown): string | undefined {
  return value !== null && typeof value === "object" ? texts.get(value) : undefined;
}
