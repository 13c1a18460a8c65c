// Unsaved work on screen (a form's fields, a dialog's draft) is not lost without a warning:
// leaving the route asks Odoo's question, and closing or reloading the page asks the browser's.
import { onMounted, onWillUnmount, useEnv } from "@odoo/owl";
import type { AdminEnv } from "../env.ts";
import { DISCARD_QUESTION } from "../chatbots/discard_question.ts";

/** Asks "The record has been modified..." (title "Warning"); resolves true to go on. */
export function confirmDiscard(env: AdminEnv): Promise<boolean> {
  return env.dialogs.confirm(env._t(DISCARD_QUESTION), { title: env._t("Warning") });
}

/**
 * While the component is mounted and `isDirty()`, a route change asks first (`onDiscard` runs
 * when the user agrees) and the browser asks before the page is closed or reloaded.
 */
export function useLeaveGuard(isDirty: () => boolean, onDiscard: () => void = () => {}): void {
  const env = useEnv() as AdminEnv;
  const beforeUnload = (ev: BeforeUnloadEvent) => {
    if (isDirty()) ev.preventDefault();
  };
  let removeGuard = () => {};
  onMounted(() => {
    window.addEventListener("beforeunload", beforeUnload);
    removeGuard = env.router.addGuard({
      isDirty,
      confirm: async () => {
        const ok = await confirmDiscard(env);
        if (ok) onDiscard();
        return ok;
      },
    });
  });
  onWillUnmount(() => {
    window.removeEventListener("beforeunload", beforeUnload);
    removeGuard();
  });
}
