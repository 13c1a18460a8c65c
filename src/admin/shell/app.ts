// The app root: login (standalone), Odoo's menu (Live Chat › Channels, Live Chat ›
// Configuration › Chatbots, Inbox), the current screen, notifications and dialogs.
import { Component, onWillStart, useState, xml, onError } from "@odoo/owl";
import type { AdminEnv } from "../env.ts";
import { LoginForm } from "./login_form.ts";
import { NotificationArea } from "../core/notifications.ts";
import { ChatbotList } from "../chatbots/chatbot_list.ts";
import { ChatbotForm } from "../chatbots/chatbot_form.ts";
import { TestScreen } from "../test_screen/test_screen.ts";
import { ChannelList } from "../channels/channel_list.ts";
import { ChannelForm } from "../channels/channel_form.ts";
import { Inbox } from "../inbox/inbox.ts";
import type { SessionInfo } from "../../rpc/index.ts";
import { activeLang } from "../i18n/translate.ts";

export class AdminApp extends Component<Record<string, never>, AdminEnv> {
  static components = { LoginForm, NotificationArea, ChatbotList, ChatbotForm, TestScreen, ChannelList, ChannelForm, Inbox };
  static override props = {};
  static override template = xml`
    <div class="o_admin_app">
      <t t-if="state.ready">
        <LoginForm t-if="!session.uid" onLogin.bind="onLogin"/>
        <t t-else="">
          <header t-attf-class="o_main_navbar {{env.mode === 'odoo' ? 'o_embedded_navbar' : ''}}">
            <a class="o_menu_brand" t-att-href="env.router.url('/chatbots')" t-on-click.prevent="() => this.go('/chatbots')">Live Chat</a>
            <nav class="o_menu_sections" aria-label="Live Chat">
              <ul>
                <li><a t-att-href="env.router.url('/channels')" t-att-aria-current="section === 'channels' ? 'page' : undefined" t-on-click.prevent="() => this.go('/channels')">Channels</a></li>
                <li class="o_menu_dropdown">
                  <button type="button" class="o_menu_toggle" t-att-aria-expanded="state.configOpen ? 'true' : 'false'" aria-controls="o_menu_configuration" t-on-click="() => this.state.configOpen = !this.state.configOpen">Configuration</button>
                  <ul id="o_menu_configuration" t-att-hidden="!state.configOpen">
                    <li><a t-att-href="env.router.url('/chatbots')" t-att-aria-current="section === 'chatbots' ? 'page' : undefined" t-on-click.prevent="() => this.go('/chatbots')">Chatbots</a></li>
                  </ul>
                </li>
                <li t-if="env.mode === 'standalone'"><a t-att-href="env.router.url('/inbox')" t-att-aria-current="section === 'inbox' ? 'page' : undefined" t-on-click.prevent="() => this.go('/inbox')">Inbox</a></li>
              </ul>
            </nav>
            <div t-if="env.mode === 'standalone'" class="o_user_menu">
              <span class="o_user_name" t-esc="session.name"/>
              <button type="button" class="btn btn-link o_logout" t-on-click="logout">Log out</button>
            </div>
          </header>
          <main class="o_action_manager">
            <t t-set="route" t-value="router.route"/>
            <ChatbotList t-if="route.name === 'chatbots'"/>
            <ChatbotForm t-elif="route.name === 'chatbot'" recordId="recordId(route)"/>
            <TestScreen t-elif="route.name === 'chatbot_test'" t-key="route.path" recordId="recordId(route)"/>
            <ChannelList t-elif="route.name === 'channels'"/>
            <ChannelForm t-elif="route.name === 'channel'" recordId="recordId(route)"/>
            <Inbox t-elif="route.name === 'inbox' and env.mode === 'standalone'"/>
            <div t-else="" class="o_not_found" role="alert">
              <h1>Page not found</h1>
              <a t-att-href="env.router.url('/chatbots')" t-on-click.prevent="() => this.go('/chatbots')">Chatbots</a>
            </div>
          </main>
        </t>
      </t>
      <NotificationArea service="env.notifications"/>
      <t t-foreach="dialogs" t-as="dialog" t-key="dialog.id">
        <t t-component="dialog.Component" t-props="dialog.props"/>
      </t>
    </div>`;

  state = useState({ ready: false, configOpen: false });
  dialogs = useState(this.env.dialogs.stack);
  router = useState(this.env.router.current);
  session = useState(this.env.session);

  override setup() {
    onWillStart(async () => {
      try {
        const info = await this.env.orm.sessionInfo();
        if (info.uid) this.applySession(info);
      } catch {
        /* no session yet: the login form shows */
      }
      this.state.ready = true;
    });
    onError((error) => {
      this.env.notifications.error(error);
    });
    this.env.notifications.onSessionExpired = () => {
      if (this.env.mode === "standalone") this.env.session.uid = false;
    };
  }

  get section() {
    const name = this.router.route.name;
    return name.startsWith("chatbot") ? "chatbots" : name.startsWith("channel") ? "channels" : name;
  }
  recordId(route: { params: Record<string, string> }): number | null {
    return route.params.id && route.params.id !== "new" ? Number(route.params.id) : null;
  }
  go(path: string) {
    this.state.configOpen = false;
    void this.env.router.navigate(path);
  }

  applySession(info: SessionInfo) {
    const context = (info.user_context ?? {}) as { tz?: string; lang?: string };
    Object.assign(this.env.session, {
      uid: info.uid || false,
      name: info.name ?? "",
      login: info.username ?? "",
      tz: context.tz || this.env.session.tz,
      lang: context.lang || this.env.session.lang,
    });
    this.env.orm.context = { ...this.env.orm.context, ...(info.user_context ?? {}) };
  }
  onLogin(info: SessionInfo) {
    const before = activeLang();
    this.applySession(info);
    // Templates were translated for the login page's language: reload for the user's one.
    const base = (lang: string) => lang.split(/[-_]/)[0];
    if (this.env.mode === "standalone" && base(before) !== base(this.env.session.lang) && !new URLSearchParams(location.search).has("lang")) {
      location.reload();
      return;
    }
    if (this.env.router.current.route.name === "login") void this.env.router.navigate("/chatbots", { replace: true, force: true });
  }
  async logout() {
    if (!(await this.env.router.navigate("/chatbots"))) return;
    try {
      await this.env.orm.logout();
    } finally {
      this.env.session.uid = false;
    }
  }
}
