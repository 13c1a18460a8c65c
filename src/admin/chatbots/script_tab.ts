// The Script tab: steps in order with message, step type and "Only If"; drag a row (or use
// the handle with the arrow keys) to reorder; "Add a line" opens the step dialog.
import { Component, useState, xml } from "@odoo/owl";
import type { ChatbotScript, ChatbotScriptStep } from "../../engine/types.ts";
import type { AdminEnv } from "../env.ts";
import { TRASH_ICON } from "../core/icons.ts";
import { scriptAnswers } from "./only_if.ts";
import { stepTypeLabel } from "./step_types.ts";
import type { ChatbotFormModel } from "./chatbot_form_model.ts";

export interface ScriptTabProps {
  model: ChatbotFormModel;
  highlightedStepId: number | null;
  onOpenStep: (stepId: number | null) => void;
}

export class ScriptTab extends Component<ScriptTabProps, AdminEnv> {
  static override props = ["model", "highlightedStepId", "onOpenStep"];
  static override template = xml`
    <div class="o_script_tab">
      <div class="o_script_steps" role="table" aria-label="Script Steps">
        <div role="rowgroup">
          <div class="o_step_row o_steps_header" role="row">
            <span role="columnheader" class="o_handle_cell"><span class="o_sr_only">Sequence</span></span>
            <span role="columnheader">Message</span>
            <span role="columnheader">Step Type</span>
            <span role="columnheader">Only If</span>
            <span role="columnheader" class="o_delete_cell"><span class="o_sr_only">Delete</span></span>
          </div>
        </div>
        <div class="o_steps_body" role="rowgroup" t-on-dragstart="onDragStart" t-on-dragover="onDragOver" t-on-drop="onDrop" t-on-dragend="onDragEnd" t-on-click="onClick" t-on-keydown="onKeydown">
          <div t-foreach="props.model.steps" t-as="step" t-key="step.id" role="row" t-att-data-step-id="step.id" t-att-data-index="step_index"
               t-attf-class="o_step_row o_data_row {{state.dragging === step.id ? 'o_dragged' : ''}} {{state.over === step_index ? 'o_drop_target' : ''}} {{props.highlightedStepId === step.id ? 'o_highlighted' : ''}}"
               draggable="true">
            <span role="cell" class="o_handle_cell"><button type="button" class="o_row_handle" data-action="move" t-att-aria-label="moveLabel(step, step_index)">⠿</button></span>
            <span role="cell" class="o_step_message" data-action="open"><button type="button" class="o_open_step" data-action="open"><t t-if="step.message" t-esc="step.message"/><span t-else="" class="o_muted">(no message)</span></button></span>
            <span role="cell" class="o_step_type" t-esc="typeLabel(step)"/>
            <span role="cell" class="o_step_only_if"><span t-foreach="step.triggering_answer_ids" t-as="answerId" t-key="answerId" class="o_tag" t-esc="labels[answerId] or answerId"/></span>
            <span role="cell" class="o_delete_cell"><button type="button" class="btn btn-link o_delete" data-action="delete" t-att-aria-label="deleteLabel(step, step_index)">${TRASH_ICON}</button></span>
          </div>
        </div>
      </div>
      <div class="o_add_line_row"><button type="button" class="btn btn-link o_add_line" t-on-click="() => props.onOpenStep(null)">Add a line</button></div>
    </div>`;

  state = useState({ dragging: null as number | null, over: null as number | null });

  private labelsMemo: { script: ChatbotScript; labels: Record<number, string> } | null = null;

  /** "step message: answer" of every answer, computed once per version of the script. */
  get labels(): Record<number, string> {
    const script = this.props.model.script;
    if (this.labelsMemo?.script !== script) this.labelsMemo = { script, labels: Object.fromEntries(scriptAnswers(script).map((a) => [a.id, a.label])) };
    return this.labelsMemo.labels;
  }
  typeLabel(step: ChatbotScriptStep) {
    return stepTypeLabel(step.step_type);
  }
  stepName(step: ChatbotScriptStep, index: number) {
    return step.message ? step.message.slice(0, 40) : this.env._t("Step %s", index + 1);
  }
  moveLabel(step: ChatbotScriptStep, index: number) {
    return this.env._t("Move %s (arrow keys)", this.stepName(step, index));
  }
  deleteLabel(step: ChatbotScriptStep, index: number) {
    return this.env._t("Delete %s", this.stepName(step, index));
  }

  /** The row an event happened in, found from the event's target (one listener for all rows). */
  private rowOf(ev: Event): { step: ChatbotScriptStep; index: number; action: string | null } | null {
    const target = ev.target as HTMLElement;
    const row = target.closest?.<HTMLElement>(".o_step_row[data-step-id]");
    if (!row) return null;
    const index = Number(row.dataset.index);
    const step = this.props.model.steps[index];
    if (!step) return null;
    return { step, index, action: target.closest<HTMLElement>("[data-action]")?.dataset.action ?? null };
  }

  onClick(ev: MouseEvent) {
    const hit = this.rowOf(ev);
    if (!hit || !hit.action) return;
    if (hit.action === "open") this.props.onOpenStep(hit.step.id);
    else if (hit.action === "delete") void this.remove(hit.step);
  }
  onKeydown(ev: KeyboardEvent) {
    const hit = this.rowOf(ev);
    if (!hit || hit.action !== "move") return;
    const delta = ev.key === "ArrowUp" ? -1 : ev.key === "ArrowDown" ? 1 : 0;
    if (!delta) return;
    ev.preventDefault();
    const id = hit.step.id;
    void this.move(id, hit.index + delta).then(() => {
      document.querySelector<HTMLElement>(`.o_step_row[data-step-id="${id}"] .o_row_handle`)?.focus();
    });
  }
  onDragStart(ev: DragEvent) {
    const hit = this.rowOf(ev);
    if (!hit) return;
    this.state.dragging = hit.step.id;
    ev.dataTransfer?.setData("text/plain", String(hit.step.id));
    if (ev.dataTransfer) ev.dataTransfer.effectAllowed = "move";
  }
  onDragOver(ev: DragEvent) {
    const hit = this.rowOf(ev);
    if (this.state.dragging === null || !hit) return;
    ev.preventDefault();
    if (this.state.over !== hit.index) this.state.over = hit.index;
  }
  onDrop(ev: DragEvent) {
    const hit = this.rowOf(ev);
    ev.preventDefault();
    const stepId = this.state.dragging;
    this.onDragEnd();
    if (stepId !== null && hit) void this.move(stepId, hit.index);
  }
  onDragEnd() {
    this.state.dragging = null;
    this.state.over = null;
  }
  async move(stepId: number, toIndex: number) {
    try {
      await this.props.model.moveStep(stepId, toIndex);
    } catch (error) {
      this.env.notifications.error(error);
    }
  }
  /**
   * Odoo's list deletes a step of the form at once and saves it with the form; here steps are
   * saved at once, so deleting asks first, as deleting a record does.
   */
  async remove(step: ChatbotScriptStep) {
    const ok = await this.env.dialogs.confirm(this.env._t("Are you sure you want to delete this record?"), {
      title: this.env._t("Bye-bye, record!"),
      confirmLabel: this.env._t("Delete"),
    });
    if (!ok) return;
    try {
      await this.props.model.deleteStep(step.id);
    } catch (error) {
      this.env.notifications.error(error);
    }
  }
}
