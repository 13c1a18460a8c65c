// "Create Rules": one channel rule (URL regex, action, open-automatically timer, countries,
// "Chatbot", "Enabled only if no operator" when the server has it), with Odoo's labels and
// buttons ("Save & Close", "Save & New", "Discard"). An unsaved draft is not lost on a route
// change without a warning.
import { Component, useState, xml } from "@odoo/owl";
import { RULE_ACTIONS, RULE_ACTION_LABELS, type RuleAction } from "../../protocol/odoo.ts";
import { Dialog } from "../core/dialogs.ts";
import { useLeaveGuard } from "../core/leave_guard.ts";
import type { AdminEnv } from "../env.ts";
import { OnlyIfPicker } from "../chatbots/only_if_picker.ts";
import type { Rule, RuleDraft, RuleOptions } from "./channel_service.ts";

export interface RuleDialogProps {
  rule: Rule | null;
  options: RuleOptions;
  /** Saves the draft as rule `ruleId` (null: a new rule). */
  onSave: (ruleId: number | null, draft: RuleDraft) => Promise<void>;
  close: () => void;
}

function emptyDraft(): RuleDraft {
  return { regex_url: "", action: "display_button", auto_popup_timer: 0, country_ids: [], chatbot_script_id: false, chatbot_only_if_no_operator: false };
}

function draftOf(rule: Rule): RuleDraft {
  return {
    regex_url: rule.regex_url,
    action: rule.action,
    auto_popup_timer: rule.auto_popup_timer,
    country_ids: [...rule.country_ids],
    chatbot_script_id: rule.chatbot_script_id,
    chatbot_only_if_no_operator: rule.chatbot_only_if_no_operator,
  };
}

export class RuleDialog extends Component<RuleDialogProps, AdminEnv> {
  static components = { Dialog, TagPicker: OnlyIfPicker };
  static override props = ["rule", "options", "onSave", "close"];
  static override template = xml`
    <Dialog title="title" close="props.close">
      <form class="o_rule_form" t-on-submit.prevent="() => this.save('close')" novalidate="">
        <div class="o_field">
          <label for="o_rule_regex" class="o_field_label">URL Regex</label>
          <input id="o_rule_regex" type="text" t-attf-class="o_input {{state.regexError ? 'o_field_invalid' : ''}}" placeholder="e.g. /contactus" t-model="draft.regex_url" t-att-aria-invalid="state.regexError ? 'true' : 'false'"/>
          <small class="o_field_help">Regular expression specifying the web pages this rule will be applied on.</small>
        </div>
        <fieldset class="o_field">
          <legend class="o_field_label">Live Chat Button</legend>
          <label t-foreach="actions" t-as="action" t-key="action" class="o_radio">
            <input type="radio" name="o_rule_action" t-att-value="action" t-att-checked="draft.action === action" t-on-change="() => this.draft.action = action"/>
            <span t-esc="actionLabel(action)"/>
          </label>
        </fieldset>
        <div t-if="draft.action === 'auto_popup'" class="o_field">
          <label for="o_rule_timer" class="o_field_label">Open automatically timer</label>
          <input id="o_rule_timer" type="number" min="0" class="o_input" t-att-value="draft.auto_popup_timer" t-on-input="(ev) => this.draft.auto_popup_timer = Math.max(0, parseInt(ev.target.value, 10) || 0)"/>
          <small class="o_field_help">Delay (in seconds) to automatically open the conversation window.</small>
        </div>
        <div class="o_field">
          <label for="o_rule_countries" class="o_field_label">Country</label>
          <TagPicker inputId="'o_rule_countries'" candidates="countryCandidates" selectedIds="draft.country_ids" labels="countryLabels" onChange="(ids) => this.draft.country_ids = ids"/>
        </div>
        <div t-if="draft.action !== 'hide_button'" class="o_field">
          <label for="o_rule_chatbot" class="o_field_label">Chatbot</label>
          <select id="o_rule_chatbot" class="o_input" t-on-change="(ev) => this.draft.chatbot_script_id = +ev.target.value || false">
            <option value="" t-att-selected="!draft.chatbot_script_id"></option>
            <option t-foreach="props.options.chatbots" t-as="bot" t-key="bot.id" t-att-value="bot.id" t-att-selected="draft.chatbot_script_id === bot.id" t-esc="bot.name"/>
          </select>
        </div>
        <div t-if="props.options.onlyIfNoOperator and draft.chatbot_script_id and draft.action !== 'hide_button'" class="o_field o_checkbox_field">
          <input id="o_rule_only_no_operator" type="checkbox" t-model="draft.chatbot_only_if_no_operator"/>
          <label for="o_rule_only_no_operator">Enabled only if no operator</label>
          <small class="o_field_help">Enable the bot only if there is no operator available</small>
        </div>
        <button type="submit" hidden="" tabindex="-1" aria-hidden="true">Save</button>
      </form>
      <t t-set-slot="footer">
        <button type="button" class="btn btn-primary o_save_close" t-att-disabled="state.saving" t-on-click="() => this.save('close')">Save &amp; Close</button>
        <button type="button" class="btn btn-primary o_save_new" t-att-disabled="state.saving" t-on-click="() => this.save('new')">Save &amp; New</button>
        <button type="button" class="btn btn-secondary o_discard" t-on-click="props.close">Discard</button>
      </t>
    </Dialog>`;

  actions = RULE_ACTIONS;
  state = useState({ ruleId: this.props.rule?.id ?? null, saving: false, regexError: false });
  draft = useState<RuleDraft>(this.props.rule ? draftOf(this.props.rule) : emptyDraft());
  /** The draft as last saved or opened, to tell unsaved changes. */
  private saved = JSON.stringify(this.draft);

  override setup() {
    useLeaveGuard(() => this.dirty);
  }

  get dirty() {
    return JSON.stringify(this.draft) !== this.saved;
  }
  get title() {
    return this.state.ruleId ? this.env._t("Open: Rules") : this.env._t("Create Rules");
  }
  get countryCandidates() {
    return this.props.options.countries.map((c) => ({ id: c.id, label: c.name, stepId: 0 }));
  }
  get countryLabels() {
    return Object.fromEntries(this.props.options.countries.map((c) => [c.id, c.name]));
  }
  actionLabel(action: RuleAction) {
    return this.env._t(RULE_ACTION_LABELS[action]);
  }

  async save(then: "close" | "new" = "close") {
    if (this.state.saving) return;
    try {
      new RegExp(this.draft.regex_url);
      this.state.regexError = false;
    } catch {
      this.state.regexError = true;
      this.env.notifications.add(this.env._t("URL Regex"), { type: "danger", title: this.env._t("Invalid fields:") });
      return;
    }
    this.state.saving = true;
    try {
      await this.props.onSave(this.state.ruleId, { ...this.draft, country_ids: [...this.draft.country_ids] });
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
      // Odoo's "Save & New": the dialog stays open on an empty new rule.
      this.state.ruleId = null;
      Object.assign(this.draft, emptyDraft());
      this.saved = JSON.stringify(this.draft);
    }
  }
}
