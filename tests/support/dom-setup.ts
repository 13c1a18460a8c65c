// Gives Node a DOM (jsdom) before OWL is imported, so component tests run in Node as in Chromium.
import { JSDOM } from "jsdom";

if (typeof (globalThis as { document?: unknown }).document === "undefined") {
  const dom = new JSDOM("<!doctype html><html><body></body></html>", { url: "http://localhost/", pretendToBeVisual: true });
  const win = dom.window as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(win)) {
    if (key in globalThis) continue;
    try {
      (globalThis as Record<string, unknown>)[key] = win[key];
    } catch {
      /* some getters (localStorage on opaque origins) throw */
    }
  }
  (globalThis as Record<string, unknown>).window = win;
  (globalThis as Record<string, unknown>).document = win.document;
}
