// The operator Inbox of the standalone app: go online/offline, see conversations forwarded to
// me with the bot's whole transcript, reply live, close; leads and tickets made by bots.
import { Component, onMounted, onPatched, onWillStart, onWillUnmount, useRef, useState, xml } from "@odoo/owl";
import type { BridgeMessage, BridgeView } from "../../protocol/bridge.ts";
import { BRIDGE_ROUTES } from "../../protocol/bridge.ts";
import type { AdminEnv } from "../env.ts";
import { Breadcrumbs } from "../shell/breadcrumbs.ts";
import { formatDateTime, formatTime } from "../core/dates.ts";
import { clearInput } from "../core/inputs.ts";
import { HEARTBEAT_MS, InboxService, type CreatedRecord, type InboxEntry } from "./inbox_service.ts";

const REFRESH_MS = 2_000;
const PRESENCE_KEY = "chatbot_bridge.inbox.online";

/** Whether this tab's operator chose to be online (sessionStorage: this tab, kept over a reload). */
function rememberedPresence(): boolean {
  try {
    return sessionStorage.getItem(PRESENCE_KEY) === "1";
  } catch {
    return false;
  }
}
function rememberPresence(online: boolean): void {
  try {
    if (online) sessionStorage.setItem(PRESENCE_KEY, "1");
    else sessionStorage.removeItem(PRESENCE_KEY);
  } catch {
    /* storage refused: a reload starts offline */
  }
}

export class Inbox extends Component<Record<string, never>, AdminEnv> {
  static components = { Breadcrumbs };
  static override props = {};
  static override template = xml`
    <div class="o_inbox">
      <div class="o_control_panel">
        <Breadcrumbs items="[{label: env._t('Inbox'), path: null}]"/>
        <label class="o_bridge_switch o_presence">
          <input type="checkbox" role="switch" t-att-checked="state.online" t-on-change="togglePresence"/>
          <span t-if="state.online">Online</span><span t-else="">Offline</span>
        </label>
      </div>
      <div class="o_inbox_layout">
        <nav class="o_inbox_list" aria-label="Conversations">
          <h2 class="o_panel_title">Conversations</h2>
          <p t-if="!state.entries.length" class="o_muted">No conversation yet. Go online to receive the ones the bots forward.</p>
          <ul>
            <li t-foreach="state.entries" t-as="entry" t-key="entry.conversation_id">
              <button type="button" t-attf-class="o_inbox_entry {{state.selected === entry.conversation_id ? 'active' : ''}}" t-att-aria-current="state.selected === entry.conversation_id ? 'true' : undefined" t-on-click="() => this.select(entry.conversation_id)">
                <strong t-esc="entryName(entry)"/>
                <span class="o_inbox_last" t-if="entry.last_message" t-esc="entry.last_message.body"/>
                <span t-if="entry.closed or entry.state === 'ended'" class="o_badge">Closed</span>
              </button>
            </li>
          </ul>
        </nav>
        <section class="o_inbox_thread" aria-label="Conversation">
          <t t-if="state.view">
            <ol class="o_test_messages o_inbox_messages" t-ref="messages" aria-live="polite" tabindex="0" aria-label="Messages">
              <li t-foreach="state.view.messages" t-as="message" t-key="message.id" t-attf-class="o_message o_message_{{message.author}}">
                <span t-if="message.author !== 'system'" class="o_message_author" t-esc="message.author_name"/>
                <span class="o_message_body" t-esc="message.body"/>
                <time class="o_message_time" t-att-datetime="message.date" t-esc="time(message)"/>
              </li>
            </ol>
            <form t-if="!state.view.closed" class="o_composer_form" t-on-submit.prevent="send">
              <label for="o_inbox_input" class="o_sr_only">Reply</label>
              <input id="o_inbox_input" t-ref="input" type="text" class="o_input" autocomplete="off" placeholder="Write a reply..." t-model="state.text"/>
              <button type="submit" class="btn btn-primary o_send">Send</button>
              <button type="button" class="btn btn-secondary o_close_conversation" t-on-click="closeConversation">Close</button>
            </form>
            <p t-else="" class="o_conversation_ended">This conversation is closed.</p>
          </t>
          <p t-else="" class="o_muted">Select a conversation.</p>
        </section>
        <section class="o_inbox_records" aria-labelledby="o_records_title">
          <h2 id="o_records_title" class="o_panel_title">Leads and tickets created by bots</h2>
          <p t-if="!state.records.length" class="o_muted">None yet.</p>
          <ul>
            <li t-foreach="state.records" t-as="record" t-key="record.model + record.id" class="o_created_record">
              <div class="o_created_record_head"><strong class="o_created_record_name" t-esc="record.name"/> <span class="o_muted" t-esc="recordKind(record)"/></div>
              <div class="o_created_by"><span class="o_muted">Chatbot</span> <a class="o_created_by_link" t-att-href="env.router.url('/chatbots/' + record.scriptId)" t-on-click.prevent="() => this.openScript(record)" t-esc="record.scriptTitle"/></div>
              <details>
                <summary>Details</summary>
                <dl>
                  <t t-if="record.email"><dt>Email</dt><dd t-esc="record.email"/></t>
                  <t t-if="record.phone"><dt>Phone</dt><dd t-esc="record.phone"/></t>
                  <t t-if="record.team"><dt>Team</dt><dd t-esc="record.team"/></t>
                  <t t-if="record.date"><dt>Created on</dt><dd t-esc="date(record.date)"/></t>
                </dl>
                <pre class="o_record_description" t-esc="record.description"/>
              </details>
            </li>
          </ul>
        </section>
      </div>
    </div>`;

  service = new InboxService(this.env.orm, this.env.bridge);
  state = useState({ online: false, entries: [] as InboxEntry[], selected: null as number | null, view: null as BridgeView | null, text: "", records: [] as CreatedRecord[] });
  messagesRef = useRef("messages");
  inputRef = useRef<HTMLInputElement>("input");
  private timers: ReturnType<typeof setInterval>[] = [];
  private shownCount = 0;
  private socket: WebSocket | null = null;

  override setup() {
    // The switch shows what the server knows: the presence this tab chose (kept over a reload),
    // or offline, is sent before the screen shows.
    onWillStart(() => Promise.all([this.refresh(), this.restorePresence()]));
    // Follow the conversation: scroll to the newest message when one arrives.
    onPatched(() => {
      const count = this.state.view?.messages.length ?? 0;
      const list = this.messagesRef.el;
      if (list && count !== this.shownCount) list.scrollTop = list.scrollHeight;
      this.shownCount = count;
    });
    onMounted(() => {
      this.startTimers();
      this.connect();
    });
    onWillUnmount(() => {
      this.timers.forEach(clearInterval);
      this.timers = [];
      this.socket?.close();
      // Leaving the Inbox in the app goes offline (a reload does not unmount: it stays as chosen).
      rememberPresence(false);
      if (this.state.online) void this.service.presence(false).catch(() => {});
    });
  }

  /**
   * The server has no read of an operator's presence, and may still count this operator online
   * (heartbeats of the last 60 s) after a reload: so the Inbox says it, rather than guess. The
   * tab's own choice is restored (online after a reload stays online); otherwise offline.
   */
  async restorePresence() {
    const online = rememberedPresence();
    try {
      await this.service.presence(online);
      this.state.online = online;
    } catch (error) {
      this.state.online = false;
      this.env.notifications.error(error);
    }
  }

  /** Refresh every 2 s; while online, the heartbeat too. */
  private startTimers() {
    this.timers.forEach(clearInterval);
    this.timers = [setInterval(() => void this.refresh(), REFRESH_MS)];
    if (this.state.online) this.timers.push(setInterval(() => void this.service.presence(true).catch(() => {}), HEARTBEAT_MS));
  }

  /** Live updates over the session's WebSocket when the server offers it; polling covers the rest. */
  connect() {
    if (typeof WebSocket === "undefined") return;
    try {
      const base = new URL(this.env.orm.transport.baseUrl || location.origin);
      base.protocol = base.protocol === "https:" ? "wss:" : "ws:";
      base.pathname = BRIDGE_ROUTES.websocket;
      this.socket = new WebSocket(base.toString());
      this.socket.onmessage = () => void this.refresh();
      this.socket.onerror = () => this.socket?.close();
    } catch {
      this.socket = null;
    }
  }

  async refresh() {
    try {
      const [entries, records] = await Promise.all([this.service.inbox(), this.service.createdByBots()]);
      this.state.entries = entries;
      this.state.records = records;
      if (this.state.selected !== null) this.state.view = await this.service.history(this.state.selected);
    } catch (error) {
      if (!this.state.entries.length && !this.state.view) this.env.notifications.error(error);
    }
  }

  async togglePresence(ev: Event) {
    const online = (ev.target as HTMLInputElement).checked;
    try {
      await this.service.presence(online);
      this.state.online = online;
      rememberPresence(online);
      this.startTimers();
    } catch (error) {
      (ev.target as HTMLInputElement).checked = this.state.online;
      this.env.notifications.error(error);
    }
  }

  async select(id: number) {
    this.state.selected = id;
    try {
      this.state.view = await this.service.history(id);
    } catch (error) {
      this.env.notifications.error(error);
    }
  }
  async send() {
    const text = this.state.text.trim();
    if (!text || this.state.selected === null) return;
    clearInput(this.inputRef.el, this.state);
    try {
      await this.service.post(this.state.selected, text);
      this.state.view = await this.service.history(this.state.selected);
    } catch (error) {
      // Not sent: the text comes back to be sent again.
      this.state.text = text;
      if (this.inputRef.el) this.inputRef.el.value = text;
      this.env.notifications.error(error);
    }
  }
  async closeConversation() {
    if (this.state.selected === null) return;
    try {
      await this.service.close(this.state.selected);
      await this.refresh();
    } catch (error) {
      this.env.notifications.error(error);
    }
  }
  entryName(entry: InboxEntry) {
    return entry.visitor_name || entry.name || this.env._t("Conversation %s", entry.conversation_id);
  }
  openScript(record: CreatedRecord) {
    void this.env.router.navigate(`/chatbots/${record.scriptId}`);
  }
  recordKind(record: CreatedRecord) {
    return record.model === "crm.lead" ? this.env._t("Lead") : this.env._t("Ticket");
  }
  time(message: BridgeMessage) {
    return formatTime(message.date, this.env.session.tz, this.env.session.lang);
  }
  date(value: string) {
    return formatDateTime(value, this.env.session.tz, this.env.session.lang);
  }
}
