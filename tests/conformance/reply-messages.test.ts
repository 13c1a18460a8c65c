// What a reply answers is what is stored: its messages are exactly the conversation's newest
// messages as history reads them later (ids, authors, bodies, dates, step and answer links).
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { answerNamed, bridgeWithSession, createScript, loginAdmin, msgId, visitor } from "./support/bridge.ts";

let admin: OdooClient;

QUnit.module("bridge: reply messages match history", (hooks) => {
  hooks.before(async () => {
    admin = await loginAdmin();
  });

  QUnit.test("answer, free text and the bot's next steps", async (assert) => {
    const script = await createScript(admin, [
      { type: "question_selection", message: "Pick", answers: ["Yes <b>please</b>", "No"] },
      { type: "free_input_multi", message: "Tell us" },
      { type: "text", message: "Thanks" },
    ]);
    const view = await bridgeWithSession(admin).openTest({ script_id: script.id });
    const answered = await visitor().reply({ token: view.token, client_msg_id: msgId(), answer_id: answerNamed(view, "Yes <b>please</b>") });
    const told = await visitor().reply({ token: view.token, client_msg_id: msgId(), text: "a & b\nline é" });
    const history = (await visitor().history(view.token)).messages;
    const replied = [...answered.messages, ...told.messages];
    assert.ok(replied.length >= 4, "visitor and bot messages in the replies");
    assert.deepEqual(history.slice(-replied.length), replied);
  });
});
