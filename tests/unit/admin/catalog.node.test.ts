// The admin app's catalogs: every text of the app is in the addon's .pot and translated in
// ro.po with the same placeholders, and a screen mounted in Romanian shows Romanian labels.
import { readFileSync } from "node:fs";
import { App, reactive } from "@odoo/owl";
import { adminTerms, POT, RO_PO } from "../../../scripts/admin-i18n.ts";
import { parsePo } from "../../../src/admin/i18n/po.ts";
import { setCatalog, translateTemplateText, _t } from "../../../src/admin/i18n/translate.ts";
import { StepDialog } from "../../../src/admin/chatbots/step_dialog.ts";
import { STEP_TYPES } from "../../../src/protocol/odoo.ts";
import { sampleScript, testEnv, texts } from "./support.ts";

const msgids = (text: string) => new Set([...text.matchAll(/^msgid "((?:\\.|[^"\\])*)"$/gm)].map((m) => m[1]!.replace(/\\(["\\])/g, "$1")));

QUnit.module("admin: catalogs", () => {
  QUnit.test("every text of the app is in the .pot and translated in ro.po, placeholders kept", async (assert) => {
    const terms = await adminTerms();
    assert.true(terms.length > 150, `${terms.length} texts found in templates and code`);
    for (const expected of ["Create Script Steps", "Only If", "Save & New", "Channel Rules", "Simulate an available operator", "Back to edit mode"])
      assert.true(terms.includes(expected), `"${expected}" is extracted`);
    const pot = msgids(readFileSync(POT, "utf8"));
    const ro = parsePo(readFileSync(RO_PO, "utf8"));
    assert.deepEqual(terms.filter((t) => !pot.has(t)), [], "none missing in the .pot");
    assert.deepEqual(terms.filter((t) => !ro.get(t)), [], "none untranslated in ro.po");
    const placeholders = (s: string) => (s.match(/%s/g) ?? []).length;
    assert.deepEqual(terms.filter((t) => ro.get(t) && placeholders(ro.get(t)!) !== placeholders(t)), [], "same %s count");
  });

  QUnit.test("a screen mounted in Romanian speaks Romanian, templates and code alike", async (assert) => {
    setCatalog("ro_RO", parsePo(readFileSync(RO_PO, "utf8")));
    const target = document.createElement("div");
    document.body.appendChild(target);
    const app = new App(StepDialog, {
      env: testEnv(),
      translateFn: translateTemplateText,
      test: true,
      props: {
        model: reactive({ script: sampleScript() }),
        stepId: null,
        capabilities: { stepTypes: [...STEP_TYPES], crmTeam: true, helpdeskTeam: true, phoneCheck: true },
        teams: { crm: [], helpdesk: [] },
        onSave: async () => {},
        close: () => {},
      },
    });
    try {
      await app.mount(target);
      assert.strictEqual(target.querySelector(".o_dialog_title")?.textContent, "Creează pași de script");
      assert.deepEqual(texts(target, ".o_field_label").slice(0, 3), ["Mesaj", "Tip pas", "Doar dacă"]);
      assert.deepEqual(texts(target, ".o_dialog_footer button"), ["Salvează și închide", "Salvează și nou", "Renunță"]);
      assert.strictEqual(texts(target, ".o_step_type_label")[4], "Redirecționează către operator");
      assert.strictEqual(_t("%s of %s paths tested", 1, 4), "1 din 4 parcursuri testate");
    } finally {
      app.destroy();
      target.remove();
      setCatalog("en_US", new Map());
    }
  });
});
