// The chatbot form: "Chatbot Name", image, Archive/Unarchive, Duplicate, Delete, Test, the
// first-step tips of Odoo, and the Script / Flow tabs beside the analysis panel.
import { Component, onMounted, onWillStart, onWillUnmount, onWillUpdateProps, useState, xml } from "@odoo/owl";
import { ODOO_TEXTS } from "../../protocol/odoo.ts";
import { firstStepWarning } from "../../engine/index.ts";
import type { ChatbotScriptStep } from "../../engine/types.ts";
import type { AdminEnv } from "../env.ts";
import { ChatbotService, type StepDraft } from "./chatbot_service.ts";
import { ChatbotFormModel } from "./chatbot_form_model.ts";
import { ScriptTab } from "./script_tab.ts";
import { StepDialog } from "./step_dialog.ts";
import { AnalysisPanel } from "./analysis_panel.ts";
import { FlowView } from "./flow_view.ts";
import { ImageField } from "./image_field.ts";
import { Breadcrumbs } from "../shell/breadcrumbs.ts";

import { DISCARD_QUESTION } from "./discard_question.ts";

export class ChatbotForm extends Component<{ recordId: number | null }, AdminEnv> {
  static components = { ScriptTab, AnalysisPanel, FlowView, ImageField, Breadcrumbs };
  static override props = ["recordId"];
  static override template = xml`
    <div class="o_form_view o_chatbot_form">
      <div class="o_control_panel">
        <Breadcrumbs items="breadcrumbs"/>
        <div class="o_form_buttons">
          <t t-if="model.dirty or model.isNew">
            <button type="button" class="btn btn-primary o_form_save" t-on-click="save">Save</button>
            <button type="button" class="btn btn-secondary o_form_discard" t-on-click="discard">Discard</button>
          </t>
          <t t-if="model.record">
            <button t-if="canTest" type="button" class="btn btn-primary o_test_script" t-on-click="test">Test</button>
            <button t-if="model.record.active" type="button" class="btn btn-secondary o_archive" t-on-click="archive">Archive</button>
            <button t-else="" type="button" class="btn btn-secondary o_unarchive" t-on-click="unarchive">Unarchive</button>
            <button type="button" class="btn btn-secondary o_duplicate" t-on-click="duplicate">Duplicate</button>
            <button type="button" class="btn btn-secondary o_delete_record" t-on-click="remove">Delete</button>
          </t>
        </div>
      </div>
      <div t-if="model.loading" class="o_loading" role="status">Loading...</div>
      <div t-else="" class="o_form_layout">
        <div class="o_form_sheet">
          <div t-if="model.record and !model.record.active" class="o_ribbon" role="status">Archived</div>
          <div t-if="warning === 'first_step_operator'" class="alert alert-info o_first_step_warning" role="status">${ODOO_TEXTS.firstStepTip}${ODOO_TEXTS.firstStepOperatorHint}</div>
          <div t-elif="warning === 'first_step_invalid'" class="alert alert-info o_first_step_warning" role="status">${ODOO_TEXTS.firstStepTip}</div>
          <div class="o_title_row">
            <div class="o_field o_title_field">
              <label for="o_chatbot_title" class="o_field_label">Chatbot Name</label>
              <input id="o_chatbot_title" type="text" t-attf-class="o_input o_title_input {{state.titleInvalid ? 'o_field_invalid' : ''}}"
                     placeholder="e.g. 'Meeting Bot'" t-att-aria-invalid="state.titleInvalid ? 'true' : 'false'"
                     t-att-value="model.title" t-on-input="(ev) => this.model.title = ev.target.value"/>
            </div>
            <ImageField image="model.image" onChange="(image) => this.model.image = image"/>
          </div>
          <div class="o_notebook">
            <div class="o_notebook_headers" role="tablist" aria-label="Chatbot">
              <button type="button" role="tab" id="o_tab_script" aria-controls="o_panel_script" t-att-aria-selected="state.tab === 'script' ? 'true' : 'false'" t-attf-class="o_tab {{state.tab === 'script' ? 'active' : ''}}" t-on-click="() => this.state.tab = 'script'">Script</button>
              <button type="button" role="tab" id="o_tab_flow" aria-controls="o_panel_flow" t-att-aria-selected="state.tab === 'flow' ? 'true' : 'false'" t-attf-class="o_tab {{state.tab === 'flow' ? 'active' : ''}}" t-on-click="() => this.state.tab = 'flow'">Flow</button>
            </div>
            <div t-if="state.tab === 'script'" id="o_panel_script" role="tabpanel" aria-labelledby="o_tab_script">
              <ScriptTab model="model" highlightedStepId="state.highlighted" onOpenStep.bind="openStep"/>
            </div>
            <div t-else="" id="o_panel_flow" role="tabpanel" aria-labelledby="o_tab_flow">
              <FlowView script="model.script" onOpenStep.bind="openStep"/>
            </div>
          </div>
        </div>
        <aside class="o_form_aside">
          <AnalysisPanel script="model.script" onOpenStep.bind="openStep"/>
        </aside>
      </div>
    </div>`;

  service = new ChatbotService(this.env.orm);
  model = useState(new ChatbotFormModel(this.service));
  state = useState({ tab: "script" as "script" | "flow", titleInvalid: false, highlighted: null as number | null });

  override setup() {
    onWillStart(() => this.load(this.props.recordId));
    onWillUpdateProps((next) => (next.recordId !== this.model.record?.id ? this.load(next.recordId) : undefined));
    const beforeUnload = (ev: BeforeUnloadEvent) => {
      if (this.model.dirty) ev.preventDefault();
    };
    let removeCheck = () => {};
    onMounted(() => {
      window.addEventListener("beforeunload", beforeUnload);
      removeCheck = this.env.router.addGuard({ isDirty: () => this.model.dirty, confirm: () => this.mayLeave() });
    });
    onWillUnmount(() => {
      window.removeEventListener("beforeunload", beforeUnload);
      removeCheck();
    });
  }

  async load(id: number | null) {
    try {
      await this.model.load(id);
      if (id && !this.model.record) this.env.notifications.add(this.env._t("This record does not exist or was deleted."), { type: "warning" });
    } catch (error) {
      this.model.loading = false;
      this.env.notifications.error(error);
    }
  }

  get breadcrumbs() {
    return [
      { label: this.env._t("Chatbots"), path: "/chatbots" },
      { label: this.model.record ? this.model.record.title : this.env._t("New"), path: null },
    ];
  }
  get warning() {
    return this.model.steps.length ? firstStepWarning(this.model.script) : false;
  }
  get canTest() {
    return !!this.model.record?.active && this.model.steps.length > 0;
  }

  async mayLeave(): Promise<boolean> {
    if (!this.model.dirty) return true;
    const ok = await this.env.dialogs.confirm(this.env._t(DISCARD_QUESTION), { title: this.env._t("Warning") });
    if (ok) this.model.discard();
    return ok;
  }

  /** Saves the title and image; true when saved. */
  async save(): Promise<boolean> {
    this.state.titleInvalid = !this.model.title.trim();
    if (this.state.titleInvalid) {
      this.env.notifications.add(this.env._t("Chatbot Name"), { type: "danger", title: this.env._t("Invalid fields:") });
      return false;
    }
    try {
      const wasNew = this.model.isNew;
      const id = await this.model.save();
      if (wasNew) await this.env.router.navigate(`/chatbots/${id}`, { replace: true, force: true });
      return true;
    } catch (error) {
      this.env.notifications.error(error);
      return false;
    }
  }
  discard() {
    if (this.model.isNew) void this.env.router.navigate("/chatbots", { force: true });
    else this.model.discard();
  }

  async openStep(stepId: number | null) {
    if (stepId !== null) {
      this.state.highlighted = stepId;
      this.state.tab = "script";
    }
    // Steps belong to a saved chatbot: save a new one first, as Odoo does before a dialog.
    if (!this.model.record && !(await this.save())) return;
    await this.env.dialogs.open(StepDialog, {
      model: this.model,
      stepId,
      capabilities: this.model.capabilities,
      teams: this.model.teams,
      onSave: (step: ChatbotScriptStep | null, draft: StepDraft) => this.model.saveStep(step, draft),
    });
  }

  test() {
    void this.env.router.navigate(`/chatbots/${this.model.record!.id}/test`);
  }
  /** Asks first, as Odoo's Archive action does; Unarchive does not ask. */
  async archive() {
    const ok = await this.env.dialogs.confirm(this.env._t("Are you sure that you want to archive this record?"), { confirmLabel: this.env._t("Archive") });
    if (!ok) return;
    await this.run(() => this.model.setActive(false));
  }
  async unarchive() {
    await this.run(() => this.model.setActive(true));
  }
  async duplicate() {
    if (!(await this.mayLeave())) return;
    await this.run(async () => {
      const id = await this.model.duplicate();
      await this.env.router.navigate(`/chatbots/${id}`, { force: true });
    });
  }
  async remove() {
    const ok = await this.env.dialogs.confirm(this.env._t("Are you sure you want to delete this record?"), {
      title: this.env._t("Bye-bye, record!"),
      confirmLabel: this.env._t("Delete"),
    });
    if (!ok) return;
    await this.run(async () => {
      await this.model.remove();
      this.model.discard();
      await this.env.router.navigate("/chatbots", { force: true });
    });
  }
  private async run(action: () => Promise<unknown>) {
    try {
      await action();
    } catch (error) {
      this.env.notifications.error(error);
    }
  }
}
