// Live Chat › Channels: the livechat channels with their rules and operators counts.
import { Component, onWillStart, useState, xml } from "@odoo/owl";
import type { AdminEnv } from "../env.ts";
import { Breadcrumbs } from "../shell/breadcrumbs.ts";
import { ChannelService, type ChannelRow } from "./channel_service.ts";

export class ChannelList extends Component<Record<string, never>, AdminEnv> {
  static components = { Breadcrumbs };
  static override props = {};
  static override template = xml`
    <div class="o_list_view o_channel_list">
      <div class="o_control_panel">
        <Breadcrumbs items="[{label: env._t('Website Live Chat Channels'), path: null}]"/>
        <div class="o_cp_buttons">
          <button type="button" class="btn btn-primary o_list_button_add" t-on-click="() => env.router.navigate('/channels/new')">New</button>
        </div>
      </div>
      <table class="o_list_table">
        <thead><tr><th scope="col">Channel Name</th><th scope="col" class="o_num">Channel Rules</th><th scope="col" class="o_num">Operators</th></tr></thead>
        <tbody>
          <tr t-foreach="state.rows" t-as="row" t-key="row.id" class="o_data_row" t-on-click="() => this.open(row.id)">
            <td><a t-att-href="env.router.url('/channels/' + row.id)" t-on-click.prevent="() => this.open(row.id)" t-esc="row.name"/></td>
            <td class="o_num" t-esc="row.ruleCount"/>
            <td class="o_num" t-esc="row.operatorCount"/>
          </tr>
          <tr t-if="!state.loading and !state.rows.length"><td colspan="3" class="o_muted">No record found</td></tr>
        </tbody>
      </table>
    </div>`;

  service = new ChannelService(this.env.orm);
  state = useState({ rows: [] as ChannelRow[], loading: true });

  override setup() {
    onWillStart(async () => {
      try {
        this.state.rows = await this.service.list();
      } catch (error) {
        this.env.notifications.error(error);
      } finally {
        this.state.loading = false;
      }
    });
  }
  open(id: number) {
    void this.env.router.navigate(`/channels/${id}`);
  }
}
