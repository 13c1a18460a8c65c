// Live Chat › Configuration › Chatbots: the scripts with their steps and channels counts,
// a search box, the "Archived" filter and "New".
import { Component, onWillStart, onWillUnmount, useState, xml } from "@odoo/owl";
import type { AdminEnv } from "../env.ts";
import { ChatbotService, type ScriptListRow } from "./chatbot_service.ts";
import { Breadcrumbs } from "../shell/breadcrumbs.ts";

export class ChatbotList extends Component<Record<string, never>, AdminEnv> {
  static components = { Breadcrumbs };
  static override props = {};
  static override template = xml`
    <div class="o_list_view o_chatbot_list">
      <div class="o_control_panel">
        <Breadcrumbs items="[{label: env._t('Chatbots'), path: null}]"/>
        <div class="o_cp_buttons">
          <button type="button" class="btn btn-primary o_list_button_add" t-on-click="() => env.router.navigate('/chatbots/new')">New</button>
        </div>
        <form class="o_searchview" role="search" t-on-submit.prevent="load">
          <label for="o_chatbot_search" class="o_sr_only">Search</label>
          <input id="o_chatbot_search" type="search" class="o_input" placeholder="Search..." t-model="state.search" t-on-input="scheduleLoad"/>
          <label class="o_filter_toggle">
            <input type="checkbox" t-model="state.archived" t-on-change="load"/> Archived
          </label>
        </form>
      </div>
      <table class="o_list_table">
        <thead>
          <tr><th scope="col">Title</th><th scope="col" class="o_num">Script Steps</th><th scope="col" class="o_num">Channels</th></tr>
        </thead>
        <tbody>
          <tr t-foreach="state.rows" t-as="row" t-key="row.id" class="o_data_row" t-on-click="() => this.open(row)">
            <td><a t-att-href="env.router.url('/chatbots/' + row.id)" t-on-click.prevent="() => this.open(row)" t-esc="row.title"/></td>
            <td class="o_num" t-esc="row.stepCount"/>
            <td class="o_num" t-esc="row.channelCount"/>
          </tr>
          <tr t-if="!state.loading and !state.rows.length"><td colspan="3" class="o_muted">No record found</td></tr>
        </tbody>
      </table>
    </div>`;

  service = new ChatbotService(this.env.orm);
  state = useState({ rows: [] as ScriptListRow[], search: "", archived: false, loading: true });
  private timer: ReturnType<typeof setTimeout> | undefined;

  override setup() {
    onWillStart(() => this.load());
    onWillUnmount(() => clearTimeout(this.timer));
  }
  scheduleLoad() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), 250);
  }
  async load() {
    this.state.loading = true;
    try {
      this.state.rows = await this.service.list({ search: this.state.search.trim(), archived: this.state.archived });
    } catch (error) {
      this.env.notifications.error(error);
    } finally {
      this.state.loading = false;
    }
  }
  open(row: ScriptListRow) {
    void this.env.router.navigate(`/chatbots/${row.id}`);
  }
}
