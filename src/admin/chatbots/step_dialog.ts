// "Create Script Steps": the dialog that creates or edits one step, with Odoo's fields and
// labels. It saves through `onSave` and stays open on errors (the server's message shows).
import { Component, useState, xml } from "@odoo/owl";
import { ODOO_TEXTS, type StepType } from "../../protocol/odoo.ts";
import { isForwardOperatorChild } from "../../engine/index.ts";
import type { ChatbotScript, ChatbotScriptStep } from "../../engine/types.ts";
import { Dialog } from "../core/dialogs.ts";
import { useLeaveGuard } from "../core/leave_guard.ts";
import type { AdminEnv } from "../env.ts";
import { TRASH_ICON } from "../core/icons.ts";
import type { StepCapabilities, StepDraft, Team } from "./chatbot_service.ts";
import { onlyIfCandidates, scriptAnswers } from "./only_if.ts";
import { OnlyIfPicker } from "./only_if_picker.ts";
import { stepTypeExplanation, stepTypeLabel } from "./step_types.ts";

export interface StepDialogModel {
  script: ChatbotScript;
}

export interface StepDialogProps {
  model: StepDialogModel;
  stepId: number | null;
  capabilities: StepCapabilities;
  teams: { crm: Team[]; helpdesk: Team[] };
  onSave: (step: ChatbotScriptStep | null, draft: StepDraft) => Promise<void>;
  close: () => void;
}

/** A draft step id that no saved step has, to ask the engine about the step being edited. */
const DRAFT_ID = -1;

function emptyDraft(): StepDraft {
  return { message: "", step_type: "text", answers: [], triggering_answer_ids: [], crm_team_id: false, helpdesk_team_id: false, phone_check: false, phone_default_country: "" };
}

function draftOf(step: ChatbotScriptStep): StepDraft {
  return {
    message: step.message || "",
    step_type: step.step_type,
    answers: step.answer_ids.map((a) => ({ id: a.id, name: a.name, redirect_link: a.redirect_link || "" })),
    triggering_answer_ids: [...step.triggering_answer_ids],
    crm_team_id: step.crm_team_id ?? false,
    helpdesk_team_id: step.helpdesk_team_id ?? false,
    phone_check: step.phone_check ?? false,
    phone_default_country: step.phone_default_country || "",
  };
}

/**
 * The forward alerts are independent, as in Odoo: a forward step that is itself played only when
 * an earlier forward found no operator shows both the tip and the reminder.
 */
export class StepDialog extends Component<StepDialogProps, AdminEnv> {
  static components = { Dialog, OnlyIfPicker };
  static override props = ["model", "stepId", "capabilities", "teams", "onSave", "close"];
  static override template = xml`
    <Dialog title="title" close="props.close" size="'lg'">
      <form class="o_step_form" t-on-submit.prevent="() => this.save('close')" novalidate="">
        <div t-if="draft.step_type === 'forward_operator'" class="alert alert-info o_forward_tip" role="status">${ODOO_TEXTS.forwardStepTip}</div>
        <div t-if="isForwardChild" class="alert alert-info o_forward_child_reminder" role="status">${ODOO_TEXTS.forwardChildReminder}</div>
        <div t-if="state.errors.length" class="alert alert-danger" role="alert">
          <div t-foreach="state.errors" t-as="error" t-key="error_index" t-esc="error"/>
        </div>
        <div class="o_field">
          <label for="o_step_message" class="o_field_label">Message</label>
          <textarea id="o_step_message" t-attf-class="o_input {{state.invalid.message ? 'o_field_invalid' : ''}}" rows="3"
                    t-att-aria-invalid="state.invalid.message ? 'true' : 'false'" t-model="draft.message"/>
        </div>
        <fieldset class="o_field o_step_types">
          <legend class="o_field_label">Step Type</legend>
          <div class="o_step_type_choices">
            <label t-foreach="props.capabilities.stepTypes" t-as="type" t-key="type" t-attf-class="o_step_type_choice {{draft.step_type === type ? 'o_selected' : ''}}">
              <input type="radio" name="o_step_type" t-att-value="type" t-att-checked="draft.step_type === type" t-on-change="() => this.setType(type)"/>
              <span class="o_step_type_label" t-esc="typeLabel(type)"/>
              <span class="o_step_type_help" t-esc="typeHelp(type)"/>
            </label>
          </div>
        </fieldset>
        <div t-if="draft.step_type === 'question_selection'" class="o_field o_answers">
          <span class="o_field_label" id="o_answers_label">Answers</span>
          <table class="o_list_table" aria-labelledby="o_answers_label">
            <thead><tr><th scope="col">Answer</th><th scope="col">Optional Link</th><th scope="col"><span class="o_sr_only">Remove</span></th></tr></thead>
            <tbody>
              <tr t-foreach="draft.answers" t-as="answer" t-key="answer_index" class="o_answer_row">
                <td><input type="text" t-attf-class="o_input {{state.invalid.answers and !answer.name.trim() ? 'o_field_invalid' : ''}}" t-model="answer.name" t-att-aria-label="answerLabel(answer_index)"/></td>
                <td><input type="url" class="o_input" t-model="answer.redirect_link" t-att-aria-label="linkLabel(answer_index)" t-att-title="redirectHelp"/></td>
                <td><button type="button" class="btn btn-link o_delete" t-att-aria-label="removeAnswerLabel(answer_index)" t-on-click="() => this.removeAnswer(answer_index)">${TRASH_ICON}</button></td>
              </tr>
              <tr><td colspan="3"><button type="button" class="btn btn-link o_add_answer" t-on-click="addAnswer">Add a line</button></td></tr>
            </tbody>
          </table>
        </div>
        <div class="o_field">
          <label for="o_step_only_if" class="o_field_label">Only If</label>
          <OnlyIfPicker inputId="'o_step_only_if'" candidates="candidates" selectedIds="draft.triggering_answer_ids" labels="answerLabels" onChange.bind="setTriggers"/>
          <small class="o_field_help">${ODOO_TEXTS.onlyIfHelp}</small>
        </div>
        <t t-if="draft.step_type === 'question_phone' and props.capabilities.phoneCheck">
          <div class="o_field o_checkbox_field">
            <input id="o_step_phone_check" type="checkbox" t-model="draft.phone_check"/>
            <label for="o_step_phone_check">Check Phone Number</label>
            <small class="o_field_help">Refuse answers that are not valid phone numbers: the bot asks again.</small>
          </div>
          <div t-if="draft.phone_check" class="o_field">
            <label for="o_step_phone_country" class="o_field_label">Default Phone Country</label>
            <input id="o_step_phone_country" type="text" maxlength="2" t-attf-class="o_input o_country_code {{state.invalid.country ? 'o_field_invalid' : ''}}" placeholder="e.g. BE" t-model="draft.phone_default_country"/>
            <small class="o_field_help">ISO 3166 country code (e.g. BE) used for numbers given without an international prefix. Empty: the visitor's country if known, else the international format is required.</small>
          </div>
        </t>
        <div t-if="draft.step_type === 'create_lead' and props.capabilities.crmTeam" class="o_field">
          <label for="o_step_crm_team" class="o_field_label">Sales Team</label>
          <select id="o_step_crm_team" class="o_input" t-on-change="(ev) => this.draft.crm_team_id = +ev.target.value || false">
            <option value="" t-att-selected="!draft.crm_team_id"></option>
            <option t-foreach="props.teams.crm" t-as="team" t-key="team.id" t-att-value="team.id" t-att-selected="draft.crm_team_id === team.id" t-esc="team.name"/>
          </select>
        </div>
        <div t-if="draft.step_type === 'create_ticket' and props.capabilities.helpdeskTeam" class="o_field">
          <label for="o_step_helpdesk_team" class="o_field_label">Helpdesk Team</label>
          <select id="o_step_helpdesk_team" class="o_input" t-on-change="(ev) => this.draft.helpdesk_team_id = +ev.target.value || false">
            <option value="" t-att-selected="!draft.helpdesk_team_id"></option>
            <option t-foreach="props.teams.helpdesk" t-as="team" t-key="team.id" t-att-value="team.id" t-att-selected="draft.helpdesk_team_id === team.id" t-esc="team.name"/>
          </select>
        </div>
        <button type="submit" hidden="" tabindex="-1" aria-hidden="true">Save</button>
      </form>
      <t t-set-slot="footer">
        <button type="button" class="btn btn-primary o_save_close" t-att-disabled="state.saving" t-on-click="() => this.save('close')">Save &amp; Close</button>
        <button type="button" class="btn btn-primary o_save_new" t-att-disabled="state.saving" t-on-click="() => this.save('new')">Save &amp; New</button>
        <button type="button" class="btn btn-secondary o_discard" t-on-click="props.close">Discard</button>
      </t>
    </Dialog>`;

  state = useState({ stepId: null as number | null, errors: [] as string[], invalid: { message: false, answers: false, country: false }, saving: false });
  draft = useState(emptyDraft());
  /** The draft as opened or last saved, to tell unsaved changes. */
  private saved = "";

  override setup() {
    this.state.stepId = this.props.stepId;
    const step = this.step;
    if (step) Object.assign(this.draft, draftOf(step));
    this.saved = JSON.stringify(this.draft);
    // Back/Forward or a link while a draft is unsaved asks first (the dialog closes on a new route).
    useLeaveGuard(() => this.dirty);
  }

  get dirty() {
    return JSON.stringify(this.draft) !== this.saved;
  }

  get step(): ChatbotScriptStep | null {
    return this.props.model.script.script_step_ids.find((s) => s.id === this.state.stepId) ?? null;
  }
  get title() {
    return this.state.stepId ? this.env._t("Open: Script Steps") : this.env._t("Create Script Steps");
  }
  get candidates() {
    const step = this.step;
    return onlyIfCandidates(this.props.model.script, step ? step.sequence : null, step?.id);
  }
  get answerLabels(): Record<number, string> {
    return Object.fromEntries(scriptAnswers(this.props.model.script).map((a) => [a.id, a.label]));
  }
  /** The step as it would be saved, placed in the script, asked to the engine. */
  get isForwardChild(): boolean {
    const script = this.props.model.script;
    const step = this.step;
    const last = script.script_step_ids.at(-1);
    const draftStep: ChatbotScriptStep = {
      id: step?.id ?? DRAFT_ID,
      sequence: step ? step.sequence : (last?.sequence ?? -1) + 1,
      step_type: this.draft.step_type,
      message: this.draft.message,
      answer_ids: step?.answer_ids ?? [],
      triggering_answer_ids: [...this.draft.triggering_answer_ids],
    };
    const steps = step ? script.script_step_ids.map((s) => (s.id === step.id ? draftStep : s)) : [...script.script_step_ids, draftStep];
    return isForwardOperatorChild({ ...script, script_step_ids: steps }, draftStep.id);
  }
  get redirectHelp() {
    return this.env._t(ODOO_TEXTS.redirectLinkHelp);
  }
  typeLabel(type: StepType) {
    return stepTypeLabel(type);
  }
  typeHelp(type: StepType) {
    return stepTypeExplanation(type);
  }
  answerLabel(index: number) {
    return this.env._t("Answer %s", index + 1);
  }
  linkLabel(index: number) {
    return this.env._t("Optional Link %s", index + 1);
  }
  removeAnswerLabel(index: number) {
    return this.env._t("Remove answer %s", index + 1);
  }
  setType(type: StepType) {
    this.draft.step_type = type;
    if (type === "question_selection" && !this.draft.answers.length) this.addAnswer();
  }
  setTriggers(ids: number[]) {
    this.draft.triggering_answer_ids = ids;
  }
  addAnswer() {
    this.draft.answers.push({ name: "", redirect_link: "" });
  }
  removeAnswer(index: number) {
    this.draft.answers.splice(index, 1);
  }

  /** Odoo's checks before saving: required Message (except forwards), answers of a question. */
  validate(): string[] {
    const errors: string[] = [];
    const _t = this.env._t;
    const d = this.draft;
    this.state.invalid.message = !d.message.trim() && d.step_type !== "forward_operator";
    const isQuestion = d.step_type === "question_selection";
    this.state.invalid.answers = isQuestion && d.answers.some((a) => !a.name.trim());
    const country = d.phone_default_country.trim();
    this.state.invalid.country = d.step_type === "question_phone" && d.phone_check && country !== "" && !/^[A-Za-z]{2}$/.test(country);
    const invalidFields = [
      this.state.invalid.message ? _t("Message") : "",
      this.state.invalid.answers ? _t("Answer") : "",
      this.state.invalid.country ? _t("Default Phone Country") : "",
    ].filter(Boolean);
    if (invalidFields.length) errors.push(_t("Invalid fields: %s", invalidFields.join(", ")));
    if (isQuestion && !d.answers.length) errors.push(_t(ODOO_TEXTS.questionWithoutAnswers));
    return errors;
  }

  async save(then: "close" | "new") {
    this.state.errors = this.validate();
    if (this.state.errors.length || this.state.saving) return;
    this.state.saving = true;
    try {
      const draft: StepDraft = JSON.parse(JSON.stringify(this.draft));
      draft.message = draft.message.trim();
      draft.answers = draft.answers.map((a) => ({ ...a, name: a.name.trim(), redirect_link: a.redirect_link.trim() }));
      await this.props.onSave(this.step, draft);
    } catch (error) {
      this.env.notifications.error(error);
      return;
    } finally {
      this.state.saving = false;
    }
    if (then === "close") {
      this.saved = JSON.stringify(this.draft);
      this.props.close();
    } else {
      this.state.stepId = null;
      Object.assign(this.draft, emptyDraft());
      this.saved = JSON.stringify(this.draft);
      this.state.invalid.message = this.state.invalid.answers = this.state.invalid.country = false;
    }
  }
}
