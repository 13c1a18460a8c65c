// The Test screen: what a visitor sees (typing indicator, answer buttons, inputs and the bot's
// validation messages, "Conversation ended..." and "Restart Conversation"), "Back to edit
// mode", the switch "Simulate an available operator", and the coverage panel.
import { Component, onWillStart, onWillUnmount, useRef, useState, xml, onPatched } from "@odoo/owl";
import { ODOO_TEXTS } from "../../protocol/odoo.ts";
import type { BridgeMessage } from "../../protocol/bridge.ts";
import type { AdminEnv } from "../env.ts";
import { ChatbotService, type ScriptRecord } from "../chatbots/chatbot_service.ts";
import { TestConversation } from "./test_conversation.ts";
import { CoveragePanel } from "./coverage_panel.ts";
import { loadRuns, saveRuns, sessionStore } from "./coverage.ts";
import { formatTime } from "../core/dates.ts";
import { clearInput } from "../core/inputs.ts";

export class TestScreen extends Component<{ recordId: number }, AdminEnv> {
  static components = { CoveragePanel };
  static override props = ["recordId"];
  static override template = xml`
    <div class="o_test_screen">
      <div class="o_test_banner alert alert-info" role="status">
        <span>You are currently testing</span> <strong class="o_test_title" t-esc="state.record ? state.record.title : ''"/> <a class="o_back_to_edit" t-att-href="env.router.url('/chatbots/' + props.recordId)" t-on-click.prevent="back">Back to edit mode</a>
      </div>
      <div class="o_test_layout">
        <section class="o_test_chat" aria-label="Test conversation">
          <header class="o_test_chat_header">
            <span class="o_test_chat_name" t-esc="conversation.operatorName or (state.record ? state.record.title : '')"/>
            <label class="o_bridge_switch">
              <input type="checkbox" role="switch" t-att-checked="state.simulateOperator" t-on-change="toggleOperator"/>
              <span>Simulate an available operator</span>
            </label>
          </header>
          <ol class="o_test_messages" t-ref="messages" aria-live="polite" tabindex="0" aria-label="Messages">
            <li t-foreach="conversation.messages" t-as="message" t-key="message.id" t-attf-class="o_message o_message_{{message.author}}">
              <span t-if="message.author !== 'system'" class="o_message_author" t-esc="message.author_name"/>
              <span class="o_message_body" t-esc="message.body"/>
              <time class="o_message_time" t-att-datetime="message.date" t-esc="time(message)"/>
            </li>
            <li t-if="conversation.typing" class="o_message o_message_bot o_typing" role="status"><span class="o_typing_dots" aria-hidden="true">•••</span><span class="o_sr_only">is typing...</span></li>
          </ol>
          <div class="o_test_composer">
            <t t-if="conversation.ended">
              <p class="o_conversation_ended">${ODOO_TEXTS.conversationEnded}</p>
              <button type="button" class="btn btn-primary o_restart" t-att-disabled="conversation.busy" t-on-click="restart">${ODOO_TEXTS.restartConversation}</button>
            </t>
            <div t-elif="showAnswers" class="o_answers" role="group" aria-label="Answers">
              <button t-foreach="conversation.step.answers" t-as="answer" t-key="answer.id" type="button" class="btn btn-outline o_answer" t-att-disabled="conversation.busy" t-att-title="answer.redirect_link or undefined" t-on-click="() => this.answer(answer.id)" t-esc="answer.name"/>
            </div>
            <form t-else="" class="o_composer_form" t-on-submit.prevent="send">
              <label for="o_test_input" class="o_sr_only">Message</label>
              <input id="o_test_input" t-ref="input" type="text" class="o_input" autocomplete="off" t-att-inputmode="inputMode" t-att-placeholder="placeholder" t-model="state.text" t-att-disabled="!acceptsText"/>
              <button type="submit" class="btn btn-primary o_send" t-att-disabled="!acceptsText">Send</button>
              <button t-if="conversation.step and conversation.step.type === 'free_input_multi' and conversation.state === 'bot'" type="button" class="btn btn-secondary o_finish" t-on-click="finish">Done</button>
            </form>
          </div>
        </section>
        <aside class="o_form_aside">
          <CoveragePanel t-if="state.record" script="state.record.script" runs="conversation.runs"/>
        </aside>
      </div>
    </div>`;

  service = new ChatbotService(this.env.orm);
  state = useState({ record: null as ScriptRecord | null, simulateOperator: false, text: "" });
  conversation = useState(new TestConversation(this.env.bridge, this.props.recordId));
  messagesRef = useRef("messages");
  inputRef = useRef<HTMLInputElement>("input");

  override setup() {
    onWillStart(async () => {
      try {
        const record = await this.service.load(this.props.recordId);
        this.state.record = record;
        // The coverage of earlier tests of this version of the script (this tab), kept as runs go.
        if (record) {
          const storage = sessionStore();
          this.conversation.runs = loadRuns(storage, record.script);
          this.conversation.onChange = () => saveRuns(storage, record.script, this.conversation.runs);
        }
        await this.conversation.open(false);
      } catch (error) {
        this.env.notifications.error(error);
      }
    });
    onPatched(() => {
      const list = this.messagesRef.el;
      if (list) list.scrollTop = list.scrollHeight;
    });
    onWillUnmount(() => this.conversation.dispose());
  }

  get showAnswers() {
    const step = this.conversation.step;
    return this.conversation.state === "bot" && step?.type === "question_selection" && step.answers.length > 0;
  }
  get acceptsText() {
    const c = this.conversation;
    if (c.state === "operator") return true;
    return c.state === "bot" && !!c.step && c.step.type !== "question_selection";
  }
  get inputMode() {
    const type = this.conversation.step?.type;
    return type === "question_email" ? "email" : type === "question_phone" ? "tel" : "text";
  }
  get placeholder() {
    const c = this.conversation;
    if (c.state === "operator") return this.env._t("Say something");
    if (c.step?.type === "question_email") return this.env._t("Type your email...");
    if (c.step?.type === "question_phone") return this.env._t("Type your phone number...");
    return this.env._t("Say something");
  }
  time(message: BridgeMessage) {
    return formatTime(message.date, this.env.session.tz, this.env.session.lang);
  }

  async run(action: () => Promise<void>) {
    try {
      await action();
    } catch (error) {
      this.env.notifications.error(error);
    }
  }
  /** As in the widget: an answer with a link also opens it (here in a new tab, the test stays). */
  answer(id: number) {
    const link = this.conversation.step?.answers.find((a) => a.id === id)?.redirect_link;
    return this.run(async () => {
      await this.conversation.answer(id);
      if (link) window.open(link, "_blank", "noopener");
    });
  }
  send() {
    const text = this.state.text.trim();
    if (!text || this.conversation.busy) return;
    clearInput(this.inputRef.el, this.state);
    return this.run(async () => {
      await this.conversation.send(text);
      this.inputRef.el?.focus();
    });
  }
  finish() {
    return this.run(() => this.conversation.finishMultiline());
  }
  restart() {
    return this.run(() => this.conversation.restart());
  }
  toggleOperator(ev: Event) {
    this.state.simulateOperator = (ev.target as HTMLInputElement).checked;
    return this.run(() => this.conversation.open(this.state.simulateOperator));
  }
  back() {
    void this.env.router.navigate(`/chatbots/${this.props.recordId}`);
  }
}
