// A livechat channel: its name, operators, the "Channel Rules" tab (with "Create Rules") and
// the snippet that puts the widget on a website.
import { Component, onWillStart, onWillUpdateProps, useState, xml } from "@odoo/owl";
import { LOADER_PATH } from "../../protocol/bridge.ts";
import { RULE_ACTION_LABELS } from "../../protocol/odoo.ts";
import type { AdminEnv } from "../env.ts";
import { TRASH_ICON } from "../core/icons.ts";
import { Breadcrumbs } from "../shell/breadcrumbs.ts";
import { ChannelService, EMPTY_RULE_OPTIONS, type ChannelRecord, type Rule, type RuleDraft, type RuleOptions } from "./channel_service.ts";
import { RuleDialog } from "./rule_dialog.ts";
import { useLeaveGuard } from "../core/leave_guard.ts";

/** The script tag a website pastes to show this channel's widget. */
export function embedSnippet(baseUrl: string, channelId: number): string {
  return `<script src="${baseUrl.replace(/\/$/, "")}${LOADER_PATH}" data-channel-id="${channelId}" async></script>`;
}

export class ChannelForm extends Component<{ recordId: number | null }, AdminEnv> {
  static components = { Breadcrumbs };
  static override props = ["recordId"];
  static override template = xml`
    <div class="o_form_view o_channel_form">
      <div class="o_control_panel">
        <Breadcrumbs items="[{label: env._t('Website Live Chat Channels'), path: '/channels'}, {label: state.record ? state.record.name : env._t('New'), path: null}]"/>
        <div class="o_form_buttons" t-if="dirty">
          <button type="button" class="btn btn-primary o_form_save" t-att-disabled="state.saving" t-on-click="save">Save</button>
          <button type="button" class="btn btn-secondary o_form_discard" t-on-click="discard">Discard</button>
        </div>
      </div>
      <div class="o_form_sheet">
        <div class="o_field o_title_field">
          <label for="o_channel_name" class="o_field_label">Channel Name</label>
          <input id="o_channel_name" type="text" class="o_input o_title_input" placeholder="e.g. YourWebsite.com" t-model="state.name"/>
        </div>
        <t t-if="state.record">
          <div class="o_field">
            <span class="o_field_label">Operators</span>
            <span class="o_tag" t-foreach="state.record.operators" t-as="name" t-key="name_index" t-esc="name"/>
          </div>
          <div class="o_notebook">
            <div class="o_notebook_headers" role="tablist" aria-label="Channel">
              <button type="button" role="tab" id="o_tab_rules" aria-controls="o_panel_rules" t-att-aria-selected="state.tab === 'rules' ? 'true' : 'false'" t-attf-class="o_tab {{state.tab === 'rules' ? 'active' : ''}}" t-on-click="() => this.state.tab = 'rules'">Channel Rules</button>
              <button type="button" role="tab" id="o_tab_widget" aria-controls="o_panel_widget" t-att-aria-selected="state.tab === 'widget' ? 'true' : 'false'" t-attf-class="o_tab {{state.tab === 'widget' ? 'active' : ''}}" t-on-click="() => this.state.tab = 'widget'">Widget</button>
            </div>
            <div t-if="state.tab === 'rules'" id="o_panel_rules" role="tabpanel" aria-labelledby="o_tab_rules">
              <table class="o_list_table o_rules">
                <thead><tr><th scope="col">URL Regex</th><th scope="col">Live Chat Button</th><th scope="col">Chatbot</th><th scope="col">Country</th><th scope="col"><span class="o_sr_only">Delete</span></th></tr></thead>
                <tbody>
                  <tr t-foreach="state.record.rules" t-as="rule" t-key="rule.id" class="o_data_row">
                    <td><button type="button" class="o_open_rule" t-on-click="() => this.openRule(rule)"><t t-esc="rule.regex_url or '—'"/></button></td>
                    <td t-esc="actionLabel(rule)"/>
                    <td t-esc="chatbotName(rule)"/>
                    <td t-esc="countryNames(rule)"/>
                    <td><button type="button" class="btn btn-link o_delete" t-att-aria-label="deleteLabel(rule)" t-on-click="() => this.deleteRule(rule)">${TRASH_ICON}</button></td>
                  </tr>
                  <tr><td colspan="5"><button type="button" class="btn btn-link o_add_line" t-on-click="() => this.openRule(null)">Add a line</button></td></tr>
                </tbody>
              </table>
            </div>
            <div t-else="" id="o_panel_widget" role="tabpanel" aria-labelledby="o_tab_widget">
              <p>Copy and paste this code into your website, within the &lt;head&gt; tag:</p>
              <pre class="o_embed_snippet" t-esc="snippet"/>
              <button type="button" class="btn btn-secondary o_copy_snippet" t-on-click="copy">Copy</button>
            </div>
          </div>
        </t>
      </div>
    </div>`;

  service = new ChannelService(this.env.orm);
  state = useState({ record: null as ChannelRecord | null, name: "", tab: "rules" as "rules" | "widget", options: { ...EMPTY_RULE_OPTIONS } as RuleOptions, saving: false });

  override setup() {
    onWillStart(() => this.load(this.props.recordId));
    onWillUpdateProps((next) => (next.recordId !== this.state.record?.id ? this.load(next.recordId) : undefined));
    // A renamed channel is not left (nor the page closed) without a warning; rules are saved
    // by their dialog.
    useLeaveGuard(
      () => this.dirty,
      () => this.discard(),
    );
  }

  async load(id: number | null) {
    try {
      const [record, options] = await Promise.all([id ? this.service.load(id) : Promise.resolve(null), this.service.options()]);
      this.state.record = record;
      this.state.name = record?.name ?? "";
      this.state.options = options;
    } catch (error) {
      this.env.notifications.error(error);
    }
  }

  get dirty() {
    return this.state.name !== (this.state.record?.name ?? "");
  }
  get snippet() {
    const base = this.env.orm.transport.baseUrl || location.origin;
    return embedSnippet(base, this.state.record!.id);
  }
  actionLabel(rule: Rule) {
    return this.env._t(RULE_ACTION_LABELS[rule.action]);
  }
  chatbotName(rule: Rule) {
    return this.state.options.chatbots.find((c) => c.id === rule.chatbot_script_id)?.name ?? "";
  }
  countryNames(rule: Rule) {
    return rule.country_ids.map((id) => this.state.options.countries.find((c) => c.id === id)?.name ?? id).join(", ");
  }
  deleteLabel(rule: Rule) {
    return this.env._t("Delete %s", rule.regex_url || this.actionLabel(rule));
  }

  async save() {
    const name = this.state.name.trim();
    if (!name) {
      this.env.notifications.add(this.env._t("Channel Name"), { type: "danger", title: this.env._t("Invalid fields:") });
      return;
    }
    if (this.state.saving) return;
    this.state.saving = true;
    try {
      if (this.state.record) {
        await this.service.rename(this.state.record.id, name);
        await this.load(this.state.record.id);
      } else {
        const id = await this.service.create(name);
        // Saved: nothing is left to lose, so no "unsaved changes" question on the way (as the
        // chatbot form does after creating its record).
        await this.env.router.navigate(`/channels/${id}`, { replace: true, force: true });
      }
    } catch (error) {
      this.env.notifications.error(error);
    } finally {
      this.state.saving = false;
    }
  }
  discard() {
    this.state.name = this.state.record?.name ?? "";
  }
  async openRule(rule: Rule | null) {
    const channelId = this.state.record!.id;
    await this.env.dialogs.open(RuleDialog, {
      rule,
      options: this.state.options,
      onSave: async (ruleId: number | null, draft: RuleDraft) => {
        await this.service.saveRule(channelId, ruleId, draft);
        await this.load(channelId);
      },
    });
  }
  async deleteRule(rule: Rule) {
    try {
      await this.service.deleteRule(rule.id);
      await this.load(this.state.record!.id);
    } catch (error) {
      this.env.notifications.error(error);
    }
  }
  async copy() {
    try {
      await navigator.clipboard.writeText(this.snippet);
      this.env.notifications.add(this.env._t("Copied to the clipboard."), { type: "success" });
    } catch {
      this.env.notifications.add(this.env._t("Select the code and copy it."), { type: "warning" });
    }
  }
}
