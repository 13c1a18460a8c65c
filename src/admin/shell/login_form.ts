// The login form of the standalone app (Odoo's /web/login fields: Database, Email, Password).
import { Component, onWillStart, useState, xml } from "@odoo/owl";
import { RpcError } from "../../rpc/index.ts";
import type { AdminEnv } from "../env.ts";

export class LoginForm extends Component<{ onLogin: (info: Record<string, unknown>) => void }, AdminEnv> {
  static override props = ["onLogin"];
  static override template = xml`
    <main class="o_login_page">
      <form class="o_login_form" t-on-submit.prevent="submit">
        <h1 class="o_login_title">Chatbot Bridge</h1>
        <div t-if="state.databases.length > 1" class="o_field">
          <label for="o_login_db" class="o_field_label">Database</label>
          <select id="o_login_db" class="o_input" t-model="state.db">
            <option t-foreach="state.databases" t-as="db" t-key="db" t-att-value="db" t-esc="db"/>
          </select>
        </div>
        <div class="o_field">
          <label for="o_login_login" class="o_field_label">Email</label>
          <input id="o_login_login" class="o_input" type="text" autocomplete="username" autofocus="" required="" t-model="state.login"/>
        </div>
        <div class="o_field">
          <label for="o_login_password" class="o_field_label">Password</label>
          <input id="o_login_password" class="o_input" type="password" autocomplete="current-password" required="" t-model="state.password"/>
        </div>
        <p t-if="state.error" class="alert alert-danger" role="alert" t-esc="state.error"/>
        <button type="submit" class="btn btn-primary o_login_submit" t-att-disabled="state.busy">Log in</button>
      </form>
    </main>`;

  state = useState({ databases: [] as string[], db: "", login: "", password: "", error: "", busy: false });

  override setup() {
    onWillStart(async () => {
      try {
        this.state.databases = await this.env.orm.listDatabases();
        this.state.db = this.state.databases[0] ?? "";
      } catch {
        /* servers that hide the list: the session's default database is used */
      }
    });
  }

  async submit() {
    this.state.busy = true;
    this.state.error = "";
    try {
      const info = await this.env.orm.authenticate(this.state.db, this.state.login, this.state.password);
      if (!info.uid) throw new Error("denied");
      this.props.onLogin(info);
    } catch (error) {
      this.state.error =
        error instanceof RpcError && !/AccessDenied|denied/i.test(error.exceptionName ?? error.message) ? error.message : this.env._t("Wrong login/password");
    } finally {
      this.state.busy = false;
    }
  }
}
