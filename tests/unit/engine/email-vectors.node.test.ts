// The contract for email answers: all cases recorded on real Odoo (../shared/vectors).
import { readFileSync } from "node:fs";
import { emailNormalize } from "../../../src/engine/index.ts";

const file = new URL("../../../../shared/vectors/email_normalize.json", import.meta.url);
const { cases } = JSON.parse(readFileSync(file, "utf8")) as { cases: { input: string; email_normalize: string | false }[] };

QUnit.module("engine: email_normalize vectors recorded on Odoo 18", () => {
  QUnit.test("the file holds the 70 recorded cases", (assert) => {
    assert.strictEqual(cases.length, 70);
  });
  QUnit.test("every case: same value (and so the same valid/invalid decision)", (assert) => {
    for (const { input, email_normalize } of cases) assert.strictEqual(emailNormalize(input), email_normalize, JSON.stringify(input));
  });
});
