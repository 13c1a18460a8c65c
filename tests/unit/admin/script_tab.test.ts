import { reactive } from "@odoo/owl";
import { ScriptTab } from "../../../src/admin/chatbots/script_tab.ts";
import { reorderedSteps, type ChatbotFormModel } from "../../../src/admin/chatbots/chatbot_form_model.ts";
import { click, eventsOf, key, mountComponent, nextRender, pendingConfirm, sampleScript, texts, type Mounted } from "./support.ts";

/** The part of the form's model the Script tab uses, keeping what it was asked to do. */
function model() {
  const calls: string[] = [];
  const state = reactive({
    script: sampleScript(),
    get steps() {
      return this.script.script_step_ids;
    },
    async moveStep(stepId: number, toIndex: number) {
      calls.push(`move ${stepId} to ${toIndex}`);
      const ordered = reorderedSteps(this.script.script_step_ids, stepId, toIndex);
      if (ordered) this.script = { ...this.script, script_step_ids: ordered };
    },
    async deleteStep(stepId: number) {
      calls.push(`delete ${stepId}`);
    },
    async reload() {},
  });
  return { state: state as unknown as ChatbotFormModel, calls };
}

QUnit.module("admin: Script tab", (hooks) => {
  let h: Mounted | undefined;
  hooks.afterEach(() => h?.destroy());

  QUnit.test("rows show message, step type and Only If as 'step message: answer'", async (assert) => {
    const { state } = model();
    const opened: (number | null)[] = [];
    h = await mountComponent(ScriptTab, { model: state, highlightedStepId: null, onOpenStep: (id: number | null) => opened.push(id) });
    assert.deepEqual(texts(h.target, "[role=columnheader]").slice(1, 4), ["Message", "Step Type", "Only If"]);
    assert.strictEqual(h.target.querySelectorAll(".o_data_row").length, 7);
    assert.deepEqual(texts(h.target, ".o_step_type"), ["Text", "Question", "Email", "Question", "Forward to Operator", "Text", "Text"]);
    assert.deepEqual(texts(h.target, '[data-step-id="6"] .o_tag'), ["What do you need?: Pricing"]);
    await click(h.target.querySelector('[data-step-id="3"] .o_open_step'));
    await click(h.target.querySelector(".o_add_line"));
    assert.deepEqual(opened, [3, null], "a row opens its step; Add a line opens an empty one");
  });

  QUnit.test("arrow keys on a handle move the step and keep the focus on it; the delete button deletes after confirmation", async (assert) => {
    const { state, calls } = model();
    h = await mountComponent(ScriptTab, { model: state, highlightedStepId: null, onOpenStep: () => {} });
    const handle = h.target.querySelector<HTMLElement>('[data-step-id="3"] .o_row_handle')!;
    handle.focus();
    await key(handle, "ArrowUp");
    await nextRender();
    assert.deepEqual(texts(h.target, ".o_step_message").slice(0, 3), ["Hello!", "Your email?", "What do you need?"]);
    assert.strictEqual(document.activeElement?.closest("[data-step-id]")?.getAttribute("data-step-id"), "3", "focus follows the moved step");
    await key(h.target.querySelector('[data-step-id="3"] .o_row_handle'), "Enter");
    assert.deepEqual(calls, ["move 3 to 1"], "other keys do nothing");
    // Steps are saved at once (no form Save to undo a click), so deleting one asks first.
    await click(h.target.querySelector('[data-step-id="7"] .o_delete'));
    const cancel = await pendingConfirm(h.env);
    assert.strictEqual(cancel.body, "Are you sure you want to delete this record?");
    assert.strictEqual(cancel.title, "Bye-bye, record!");
    await cancel.answer(false);
    assert.deepEqual(calls, ["move 3 to 1"], "Cancel deletes nothing");
    await click(h.target.querySelector('[data-step-id="7"] .o_delete'));
    await (await pendingConfirm(h.env)).answer(true);
    assert.deepEqual(calls, ["move 3 to 1", "delete 7"]);
  });

  QUnit.test("dropping a dragged row moves it there", async (assert) => {
    const { state, calls } = model();
    h = await mountComponent(ScriptTab, { model: state, highlightedStepId: null, onOpenStep: () => {} });
    const row = (id: number) => h!.target.querySelector(`[data-step-id="${id}"]`)!;
    const { Event } = eventsOf(row(1));
    const drag = (el: Element, name: string) => {
      const ev = new Event(name, { bubbles: true, cancelable: true });
      el.dispatchEvent(ev);
      return ev;
    };
    drag(row(7), "dragstart");
    await nextRender();
    assert.true(row(7).classList.contains("o_dragged"));
    const over = drag(row(2), "dragover");
    assert.true(over.defaultPrevented, "rows accept the drop");
    await nextRender();
    assert.true(row(2).classList.contains("o_drop_target"));
    drag(row(2), "drop");
    await nextRender();
    assert.deepEqual(calls, ["move 7 to 1"]);
    assert.deepEqual(texts(h.target, ".o_step_message").slice(0, 3), ["Hello!", "Bye!", "What do you need?"]);
    assert.strictEqual(h.target.querySelectorAll(".o_dragged, .o_drop_target").length, 0, "drag marks are cleared");
  });
});
