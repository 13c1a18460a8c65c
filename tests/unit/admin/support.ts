// Mounting admin components in a test page (jsdom in Node, the real DOM in Chromium).
import { App, type Component } from "@odoo/owl";
import { BridgeClient, JsonRpcTransport, OdooClient } from "../../../src/rpc/index.ts";
import { Router } from "../../../src/admin/core/router.ts";
import { makeEnv, type AdminEnv } from "../../../src/admin/env.ts";
import { ConfirmDialog } from "../../../src/admin/core/dialogs.ts";
import type { ChatbotScript } from "../../../src/engine/types.ts";

/** An env whose clients point nowhere: these components must not call the server. */
export function testEnv(): AdminEnv {
  const transport = new JsonRpcTransport({ baseUrl: "http://127.0.0.1:9" });
  return makeEnv({ orm: new OdooClient(transport), bridge: new BridgeClient(transport), router: new Router("memory"), mode: "standalone" });
}

export interface Mounted {
  target: HTMLElement;
  app: App;
  env: AdminEnv;
  destroy(): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function mountComponent(C: new (...args: any[]) => Component, props: object, env = testEnv()): Promise<Mounted> {
  const target = document.createElement("div");
  document.body.appendChild(target);
  const app = new App(C as never, { env, props, test: true });
  await app.mount(target);
  return {
    target,
    app,
    env,
    destroy() {
      app.destroy();
      target.remove();
    },
  };
}

/** Event classes of the element's own window (Node has its own Event, which jsdom refuses). */
type EventClasses = { Event: typeof Event; MouseEvent: typeof MouseEvent; KeyboardEvent: typeof KeyboardEvent; FocusEvent: typeof FocusEvent };
export function eventsOf(el: Element): EventClasses {
  return el.ownerDocument.defaultView as unknown as EventClasses;
}

export async function fire(el: Element | null | undefined, name: string): Promise<void> {
  if (!el) throw new Error(`nothing to send ${name} to`);
  const { Event, FocusEvent } = eventsOf(el);
  el.dispatchEvent(name === "focus" || name === "blur" ? new FocusEvent(name) : new Event(name, { bubbles: true }));
  await nextRender();
}

/** Waits for OWL to render pending changes. */
export function nextRender(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export async function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error("nothing to click");
  (el as HTMLElement).dispatchEvent(new (eventsOf(el).MouseEvent)("mousedown", { bubbles: true, cancelable: true }));
  (el as HTMLElement).click();
  await nextRender();
}

export async function type(el: Element | null | undefined, value: string): Promise<void> {
  if (!el) throw new Error("no field");
  const input = el as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new (eventsOf(el).Event)("input", { bubbles: true }));
  await nextRender();
}

export async function key(el: Element | null | undefined, keyName: string): Promise<void> {
  if (!el) throw new Error("no field");
  el.dispatchEvent(new (eventsOf(el).KeyboardEvent)("keydown", { key: keyName, bubbles: true, cancelable: true }));
  await nextRender();
}

export function texts(root: Element, selector: string): string[] {
  return Array.from(root.querySelectorAll(selector)).map((e) => (e.textContent ?? "").trim());
}

/**
 * A small script: 1 text, 2 question (Pricing/Support), 3 email, 4 question (Yes/No),
 * 5 forward only if Pricing, 6 text only if Pricing (a forward child), 7 text.
 */
export function sampleScript(): ChatbotScript {
  const answer = (id: number, name: string, step: number, sequence: number) => ({ id, name, sequence, redirect_link: false as const, script_step_id: step });
  return {
    id: 1,
    title: "Sample Bot",
    active: true,
    script_step_ids: [
      { id: 1, sequence: 0, step_type: "text", message: "Hello!", answer_ids: [], triggering_answer_ids: [] },
      { id: 2, sequence: 1, step_type: "question_selection", message: "What do you need?", answer_ids: [answer(10, "Pricing", 2, 1), answer(11, "Support", 2, 2)], triggering_answer_ids: [] },
      { id: 3, sequence: 2, step_type: "question_email", message: "Your email?", answer_ids: [], triggering_answer_ids: [] },
      { id: 4, sequence: 3, step_type: "question_selection", message: "Anything else?", answer_ids: [answer(20, "Yes", 4, 1), answer(21, "No", 4, 2)], triggering_answer_ids: [] },
      { id: 5, sequence: 4, step_type: "forward_operator", message: "Let me find someone.", answer_ids: [], triggering_answer_ids: [10] },
      { id: 6, sequence: 5, step_type: "text", message: "Nobody is free, sorry.", answer_ids: [], triggering_answer_ids: [10] },
      { id: 7, sequence: 6, step_type: "text", message: "Bye!", answer_ids: [], triggering_answer_ids: [] },
    ],
  };
}

/** The confirmation dialog the code under test opened (the stack is not rendered here). */
export async function pendingConfirm(env: AdminEnv): Promise<{ body: string; title: string; answer(yes: boolean): Promise<void> }> {
  for (let i = 0; i < 20; i++) {
    const dialog = env.dialogs.stack.find((d) => d.Component === ConfirmDialog);
    if (dialog) {
      const props = dialog.props as { body: string; title: string; onConfirm: () => void; close: () => void };
      return {
        body: props.body,
        title: props.title,
        async answer(yes: boolean) {
          if (yes) props.onConfirm();
          props.close();
          await nextRender();
        },
      };
    }
    await nextRender();
  }
  throw new Error("no confirmation was asked");
}
