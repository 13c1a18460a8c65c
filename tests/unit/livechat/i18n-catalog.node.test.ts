// The shipped Romanian catalog covers every string of the template (.pot) and keeps %s places.
import { readFileSync } from "node:fs";
import { parsePo } from "../../../src/livechat/i18n/po.ts";

const dir = new URL("../../../addon/livechat_chatbot_bridge/i18n/", import.meta.url);

function msgids(pot: string): string[] {
  return [...pot.matchAll(/^msgid "(.+)"$/gm)].map((m) => m[1]!.replace(/\\"/g, '"'));
}

QUnit.module("livechat: Romanian catalog", () => {
  QUnit.test("every widget string is translated", (assert) => {
    const ids = msgids(readFileSync(new URL("livechat_chatbot_bridge.pot", dir), "utf8"));
    const ro = parsePo(readFileSync(new URL("ro.po", dir), "utf8"));
    assert.true(ids.length >= 20, `${ids.length} strings`);
    for (const id of ids) {
      assert.true(!!ro[id], `translated: ${id}`);
      assert.strictEqual((ro[id] ?? "").split("%s").length, id.split("%s").length, `same %s places: ${id}`);
    }
  });
});
