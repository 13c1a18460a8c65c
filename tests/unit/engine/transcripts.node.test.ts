// The Welcome Bot conversations recorded on real Odoo 17 and 18 (../shared/transcripts): the
// engine must show the visitor the same messages, in the same order, linked to the same steps.
import { readFileSync, readdirSync } from "node:fs";
import { replayWelcomeBot, type Seen } from "./transcript-driver.ts";

const dir = new URL("../../../../shared/transcripts/", import.meta.url);
const files = readdirSync(dir).filter((name) => name.endsWith(".json")).sort();

QUnit.module("engine: Welcome Bot transcripts recorded on Odoo 17/18", () => {
  QUnit.test("all eight recordings are there", (assert) => {
    assert.strictEqual(files.length, 8);
  });
  for (const name of files) {
    QUnit.test(name, (assert) => {
      const recording = JSON.parse(readFileSync(new URL(name, dir), "utf8")) as { scenario: string; visitor_sees: Seen[]; ended: string };
      const operatorOnline = recording.ended === "operator found";
      const { seen, state } = replayWelcomeBot(recording.visitor_sees, operatorOnline);
      assert.deepEqual(seen, recording.visitor_sees);
      assert.strictEqual(state.state, operatorOnline ? "operator" : "ended");
    });
  }
});
