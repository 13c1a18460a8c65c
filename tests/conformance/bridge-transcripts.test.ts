// The Welcome Bot conversations recorded on real Odoo 17.0 and 18.0, replayed over bridge v1:
// the bot says the same things in the same order.
import { BRIDGE_ROUTES, type BridgeMessage, type BridgeView } from "../../src/protocol/bridge.ts";
import { ODOO_TEXTS } from "../../src/protocol/odoo.ts";
import {
  CONTACTUS_URL,
  DEFAULT_CHANNEL,
  HAS_OPERATOR_ROUTES,
  bridgeWithSession,
  loginOperator,
  msgId,
  readTranscript,
  serverInit,
  testIf,
  visitor,
  type Transcript,
} from "./support/bridge.ts";

const JOINED = /^.+ has joined$/;

/** Plays the visitor's side of a transcript and returns every message the bridge showed. */
async function replay(transcript: Transcript, assert: Assert): Promise<{ view: BridgeView; shown: BridgeMessage[]; token: string; afterVisitor: BridgeView[] }> {
  const init = await serverInit();
  assert.ok(init.chatbot, "the /contactus rule serves a chatbot");
  assert.strictEqual(init.chatbot!.title, "Welcome Bot");
  const client = visitor();
  let view = await client.open({ channel_id: DEFAULT_CHANNEL, url: CONTACTUS_URL, script_id: init.chatbot!.script_id });
  const shown = [...view.messages];
  const afterVisitor: BridgeView[] = [];
  for (const [index, line] of transcript.visitor_sees.entries()) {
    if (line.who === "bot") {
      if (line.text === ODOO_TEXTS.restarting) {
        view = await client.restart(view.token, msgId());
        shown.push(...view.messages);
      }
      if (line.answers) {
        assert.deepEqual(view.step?.answers.map((a) => a.name), line.answers, `answers offered at line ${index}`);
      }
      continue;
    }
    const answer = view.step?.answers.find((a) => a.name === line.text);
    view = await client.reply({ token: view.token, client_msg_id: msgId(), ...(answer ? { answer_id: answer.id } : { text: line.text }) });
    shown.push(...view.messages);
    afterVisitor.push(view);
  }
  return { view, shown, token: view.token, afterVisitor };
}

function botLines(messages: BridgeMessage[]): string[] {
  return messages.filter((m) => m.author === "bot" || (m.author === "system" && !JOINED.test(m.body))).map((m) => m.body);
}

function checkSameConversation(assert: Assert, transcript: Transcript, shown: BridgeMessage[]) {
  assert.deepEqual(botLines(shown), transcript.visitor_sees.filter((l) => l.who === "bot").map((l) => l.text), "bot messages, in order");
  assert.deepEqual(
    shown.filter((m) => m.author === "visitor").map((m) => m.body),
    transcript.visitor_sees.filter((l) => l.who === "visitor").map((l) => l.text),
    "visitor messages, in order",
  );
  const ids = shown.map((m) => m.id);
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b), "message ids ascend");
  assert.strictEqual(new Set(ids).size, ids.length, "no message shown twice");
}

async function checkHistory(assert: Assert, token: string, shown: BridgeMessage[]) {
  const history = await visitor().history(token);
  assert.deepEqual(history.messages.map((m) => [m.id, m.author, m.body]), shown.map((m) => [m.id, m.author, m.body]), "history holds the same transcript");
}

async function setOperatorOnline(online: boolean) {
  const operator = await loginOperator();
  await bridgeWithSession(operator).transport.call(BRIDGE_ROUTES.operatorPresence, { online });
}

QUnit.module("bridge: Welcome Bot transcripts", () => {
  for (const version of [17, 18] as const) {
    QUnit.test(`Odoo ${version}: pricing question, no operator, invalid then valid email`, async (assert) => {
      const transcript = readTranscript(version, "pricing_no_operator_email");
      const { view, shown, token, afterVisitor } = await replay(transcript, assert);
      checkSameConversation(assert, transcript, shown);
      // Odoo marks the email step as the last one (isLast) when it asks for the address.
      assert.deepEqual([afterVisitor[0]!.step?.type, afterVisitor[0]!.step?.is_last], ["question_email", true], "the email step is last");
      assert.strictEqual(afterVisitor[1]!.step?.id, afterVisitor[0]!.step?.id, "an invalid email keeps the step");
      assert.strictEqual(view.state, "ended", "last step reached");
      assert.strictEqual(view.step, null);
      await checkHistory(assert, token, shown);
    });

    QUnit.test(`Odoo ${version}: documentation answer with redirect link`, async (assert) => {
      const transcript = readTranscript(version, "documentation_redirect");
      const init = await serverInit();
      const question = init.chatbot!.welcome_steps.at(-1)!;
      assert.strictEqual(question.answers.find((a) => a.name === "I am looking for your documentation")?.redirect_link, "/", "the answer carries its redirect link");
      const { view, shown, token } = await replay(transcript, assert);
      checkSameConversation(assert, transcript, shown);
      assert.strictEqual(view.state, "ended");
      await checkHistory(assert, token, shown);
    });

    QUnit.test(`Odoo ${version}: just looking, then restart and pricing`, async (assert) => {
      const transcript = readTranscript(version, "just_looking_then_restart");
      const { view, shown, token } = await replay(transcript, assert);
      checkSameConversation(assert, transcript, shown);
      const restart = shown.find((m) => m.body === ODOO_TEXTS.restarting);
      assert.strictEqual(restart?.author, "system", "the restart notice is nobody's words");
      assert.strictEqual(view.state, "ended");
      await checkHistory(assert, token, shown);
    });

    testIf(`Odoo ${version}: pricing question with an operator online`, HAS_OPERATOR_ROUTES, "no operator/presence route on this server", async (assert) => {
      const transcript = readTranscript(version, "pricing_operator_online");
      await setOperatorOnline(true);
      try {
        const { view, shown, token } = await replay(transcript, assert);
        checkSameConversation(assert, transcript, shown);
        assert.strictEqual(view.state, "operator", "an operator joined");
        assert.ok(view.operator?.name, "the operator is named");
        const joined = shown.filter((m) => m.author === "system" && JOINED.test(m.body));
        assert.deepEqual(joined.map((m) => m.body), [`${view.operator!.name} has joined`], "one join notice");
        const hmm = shown.findIndex((m) => m.body.startsWith("Hmmm"));
        assert.ok(shown.indexOf(joined[0]!) > hmm, "the step message comes before the join notice");
        assert.strictEqual(view.step, null, "the bot stopped");
        await checkHistory(assert, token, shown);
      } finally {
        await setOperatorOnline(false);
      }
    });
  }
});
