// "Create Rules" (Save & New as in Odoo, the optional "Enabled only if no operator") and the
// channel service asking the server which rule fields it has.
import { RuleDialog } from "../../../src/admin/channels/rule_dialog.ts";
import { ChannelService, type Rule, type RuleDraft, type RuleOptions } from "../../../src/admin/channels/channel_service.ts";
import type { OdooClient } from "../../../src/rpc/index.ts";
import { click, fire, mountComponent, texts, type, type Mounted } from "./support.ts";

const OPTIONS: RuleOptions = { chatbots: [{ id: 3, name: "Welcome Bot" }], countries: [{ id: 20, name: "Belgium" }], onlyIfNoOperator: true };
const RULE: Rule = { id: 8, sequence: 10, regex_url: "/pricing", action: "display_button_and_text", auto_popup_timer: 0, country_ids: [], chatbot_script_id: 3, chatbot_only_if_no_operator: true };

interface Harness extends Mounted {
  saved: [number | null, RuleDraft][];
  closed: () => number;
}

async function openDialog(rule: Rule | null, options = OPTIONS): Promise<Harness> {
  const saved: Harness["saved"] = [];
  let closed = 0;
  const mounted = await mountComponent(RuleDialog, {
    rule,
    options,
    onSave: async (ruleId: number | null, draft: RuleDraft) => void saved.push([ruleId, draft]),
    close: () => closed++,
  });
  return Object.assign(mounted, { saved, closed: () => closed });
}

const q = (h: Mounted, selector: string) => h.target.querySelector(selector);
const button = (h: Mounted, label: string) => Array.from(h.target.querySelectorAll("button")).find((b) => b.textContent?.trim() === label);
async function pickChatbot(h: Mounted, id: number) {
  const select = q(h, "#o_rule_chatbot") as HTMLSelectElement;
  select.value = String(id);
  await fire(select, "change");
}

QUnit.module("admin: Create Rules", (hooks) => {
  let h: Harness | undefined;
  hooks.afterEach(() => h?.destroy());

  QUnit.test("Save & New saves and starts a new rule in the same dialog, as Odoo's", async (assert) => {
    h = await openDialog(RULE);
    assert.strictEqual(q(h, ".o_dialog_title")?.textContent, "Open: Rules");
    assert.deepEqual(texts(h.target, ".o_dialog_footer button"), ["Save & Close", "Save & New", "Discard"]);
    await type(q(h, "#o_rule_regex"), "/prices");
    await click(button(h, "Save & New"));
    assert.deepEqual(
      h.saved.map(([id, d]) => [id, d.regex_url]),
      [[8, "/prices"]],
      "the opened rule is saved",
    );
    assert.strictEqual(h.closed(), 0, "still open");
    assert.strictEqual(q(h, ".o_dialog_title")?.textContent, "Create Rules");
    assert.strictEqual((q(h, "#o_rule_regex") as HTMLInputElement).value, "", "an empty rule");
    assert.true((q(h, 'input[type=radio][value="display_button"]') as HTMLInputElement).checked, "Show, Odoo's default");
    await type(q(h, "#o_rule_regex"), "/contact");
    await pickChatbot(h, 3);
    await click(button(h, "Save & Close"));
    assert.deepEqual(
      h.saved.map(([id, d]) => [id, d.regex_url, d.chatbot_script_id]),
      [
        [8, "/prices", 3],
        [null, "/contact", 3],
      ],
      "the next one is a new rule",
    );
    assert.strictEqual(h.closed(), 1);
  });

  QUnit.test("'Enabled only if no operator' shows only when the server has the field", async (assert) => {
    h = await openDialog(null);
    await pickChatbot(h, 3);
    assert.ok(q(h, "#o_rule_only_no_operator"), "offered with a chatbot");
    h.destroy();
    h = await openDialog(null, { ...OPTIONS, onlyIfNoOperator: false });
    await pickChatbot(h, 3);
    assert.strictEqual(q(h, "#o_rule_only_no_operator"), null, "not offered by a server without it (Odoo 19)");
  });

  QUnit.test("the channel service reads and writes chatbot_only_if_no_operator only where fields_get lists it", async (assert) => {
    for (const has of [true, false]) {
      const calls: [string, string, unknown][] = [];
      const orm = {
        fieldsGet: async (model: string) => {
          calls.push(["fields_get", model, null]);
          return has ? { regex_url: {}, chatbot_only_if_no_operator: {} } : { regex_url: {} };
        },
        read: async () => [{ id: 1, name: "YourWebsite.com", user_ids: [] }],
        searchRead: async (model: string, _domain: unknown, fields: string[]) => {
          calls.push(["search_read", model, fields]);
          return model === "im_livechat.channel.rule" ? [{ id: 8, action: "display_button", chatbot_script_id: [3, "Welcome Bot"], ...(has ? { chatbot_only_if_no_operator: true } : {}) }] : [];
        },
        write: async (model: string, _ids: number[], values: Record<string, unknown>) => (calls.push(["write", model, values]), true),
        create: async (model: string, values: Record<string, unknown>) => (calls.push(["create", model, values]), 9),
      };
      const service = new ChannelService(orm as unknown as OdooClient);
      const record = await service.load(1);
      const ruleFields = calls.find((c) => c[0] === "search_read" && c[1] === "im_livechat.channel.rule")![2] as string[];
      assert.strictEqual(ruleFields.includes("chatbot_only_if_no_operator"), has, `read only when the server has it (${has})`);
      assert.strictEqual(record!.rules[0]!.chatbot_only_if_no_operator, has);
      assert.strictEqual((await service.options()).onlyIfNoOperator, has);
      await service.saveRule(1, 8, { regex_url: "", action: "display_button", auto_popup_timer: 0, country_ids: [], chatbot_script_id: 3, chatbot_only_if_no_operator: true });
      const written = calls.find((c) => c[0] === "write")![2] as Record<string, unknown>;
      assert.strictEqual("chatbot_only_if_no_operator" in written, has, `written only when the server has it (${has})`);
      assert.strictEqual(calls.filter((c) => c[0] === "fields_get").length, 1, "fields_get asked once");
    }
  });
});
