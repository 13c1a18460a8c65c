// The ORM subset over call_kw: read formats, domains, order/limit/offset, archived records,
// x2many commands, fields_get, default_get, name_search, search_count.
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { ODOO_ERRORS, STEP_TYPES, STEP_TYPE_LABELS } from "../../src/protocol/odoo.ts";
import { asAdmin, expectError, makeScript, readOne, uniqueTitle, type ScriptFixture } from "./support/admin.ts";

let admin: OdooClient;
let fixture: ScriptFixture;
let title: string;
const STEP = "chatbot.script.step";
const ANSWER = "chatbot.script.answer";
const SCRIPT = "chatbot.script";

QUnit.module("admin: ORM over call_kw", (hooks) => {
  hooks.before(async () => {
    admin = await asAdmin();
    title = uniqueTitle("ORM");
    fixture = await makeScript(admin, title, [
      { step_type: "text", message: "alpha one" },
      { step_type: "text", message: "Alpha two" },
      { step_type: "question_selection", message: "beta?", answers: ["Yes", "No", "Maybe"] },
      { step_type: "question_email", message: "gamma" },
    ]);
  });

  const search = (domain: unknown[], kwargs: Record<string, unknown> = {}) => admin.call<number[]>(STEP, "search", [[["chatbot_script_id", "=", fixture.id], ...domain]], kwargs);

  QUnit.test("read: many2one as [id, display_name], x2many as ids, empty values as false", async (assert) => {
    const step = await readOne<Record<string, unknown>>(admin, STEP, fixture.steps[2]!, ["chatbot_script_id", "answer_ids", "triggering_answer_ids", "crm_team_id", "message", "step_type", "sequence"]);
    assert.deepEqual(step.chatbot_script_id, [fixture.id, title]);
    assert.deepEqual(step.answer_ids, fixture.answers[2], "answers in their order");
    assert.deepEqual(step.triggering_answer_ids, []);
    assert.strictEqual(step.crm_team_id, false);
    assert.strictEqual(step.step_type, "question_selection");
    assert.strictEqual(step.sequence, 2);
    assert.strictEqual(step.id, fixture.steps[2], "id always read");
    const empty = await readOne<Record<string, unknown>>(admin, STEP, fixture.steps[0]!, ["message", "answer_ids"]);
    assert.deepEqual(empty.answer_ids, []);
    const rows = await admin.read(STEP, [fixture.steps[1]!, fixture.steps[0]!], ["message"]);
    assert.deepEqual(rows.map((r) => r.id), [fixture.steps[1], fixture.steps[0]], "read keeps the order of the ids");
  });

  QUnit.test("domains: operators, prefix '|' '&' '!', implicit and, dotted paths", async (assert) => {
    const [s0, s1, s2, s3] = fixture.steps as [number, number, number, number];
    const sorted = async (domain: unknown[]) => (await search(domain)).sort((a, b) => a - b);
    assert.deepEqual(await sorted([["message", "ilike", "alpha"]]), [s0, s1], "ilike is case-insensitive");
    assert.deepEqual(await sorted([["message", "like", "Alpha"]]), [s1], "like is case-sensitive");
    assert.deepEqual(await sorted([["message", "=like", "%a"]]), [s3], "=like uses the pattern as given");
    assert.deepEqual(await sorted([["message", "=ilike", "ALPHA%"]]), [s0, s1]);
    assert.deepEqual(await sorted([["message", "not ilike", "alpha"]]), [s2, s3]);
    assert.deepEqual(await sorted([["step_type", "in", ["question_selection", "question_email"]]]), [s2, s3]);
    assert.deepEqual(await sorted([["step_type", "not in", ["text"]]]), [s2, s3]);
    assert.deepEqual(await sorted([["sequence", ">=", 1], ["sequence", "<", 3]]), [s1, s2], "implicit and");
    assert.deepEqual(await sorted(["|", ["sequence", "=", 0], ["step_type", "=", "question_email"]]), [s0, s3], "or");
    assert.deepEqual(await sorted(["!", ["step_type", "=", "text"]]), [s2, s3], "not");
    assert.deepEqual(await sorted(["|", "&", ["sequence", ">", 0], ["step_type", "=", "text"], ["message", "=", "gamma"]]), [s1, s3], "nested");
    assert.deepEqual(await sorted([["sequence", "!=", 0]]), [s1, s2, s3]);
    assert.deepEqual(await sorted([["answer_ids", "!=", false]]), [s2], "x2many set");
    assert.deepEqual(await sorted([["answer_ids", "=", false]]), [s0, s1, s3], "x2many empty");
    assert.deepEqual(await sorted([["answer_ids.name", "=", "Maybe"]]), [s2], "through an x2many");
    assert.deepEqual(await sorted([["chatbot_script_id.title", "=", title]]), [s0, s1, s2, s3], "through a many2one");
    const answers = await admin.call<number[]>(ANSWER, "search", [[["script_step_id.sequence", "=", 2], ["script_step_id.chatbot_script_id", "=", fixture.id]]]);
    assert.deepEqual(answers.sort((a, b) => a - b), [...fixture.answers[2]!].sort((a, b) => a - b), "script_step_id.sequence");
    const related = await admin.call<number[]>(ANSWER, "search", [[["chatbot_script_id", "=", fixture.id]]]);
    assert.strictEqual(related.length, 3, "a related field is searchable");
  });

  QUnit.test("order, limit, offset, search_count", async (assert) => {
    const [s0, s1, s2, s3] = fixture.steps as [number, number, number, number];
    assert.deepEqual(await search([]), [s0, s1, s2, s3], "default order: sequence, id");
    assert.deepEqual(await search([], { order: "sequence desc" }), [s3, s2, s1, s0]);
    assert.deepEqual(await search([], { order: "sequence desc", limit: 2, offset: 1 }), [s2, s1]);
    assert.deepEqual(await search([], { offset: 3 }), [s3], "offset without limit");
    assert.strictEqual(await admin.searchCount(STEP, [["chatbot_script_id", "=", fixture.id]]), 4);
    const rows = await admin.searchRead(STEP, [["chatbot_script_id", "=", fixture.id]], ["sequence"], { limit: 1, order: "id desc" });
    assert.deepEqual(rows.map((r) => r.id), [s3], "search_read with limit and order");
  });

  QUnit.test("archived records are hidden unless active_test is false or the domain names active", async (assert) => {
    const archived = await makeScript(admin, uniqueTitle("Archived"));
    await admin.write(SCRIPT, [archived.id], { active: false });
    const [row] = await admin.read(SCRIPT, [archived.id], ["active"]);
    assert.strictEqual(row!.active, false, "read still reads it");
    assert.deepEqual(await admin.search(SCRIPT, [["id", "=", archived.id]]), [], "hidden from search");
    assert.deepEqual(await admin.search(SCRIPT, [["id", "=", archived.id]], { context: { active_test: false } }), [archived.id], "active_test false");
    assert.deepEqual(await admin.search(SCRIPT, [["id", "=", archived.id], ["active", "=", false]]), [archived.id], "domain on active");
    assert.deepEqual(await admin.search(SCRIPT, [["id", "=", archived.id], ["active", "in", [true, false]]]), [archived.id], "active in [true, false]");
  });

  QUnit.test("many2many commands: (6,0,ids) (4,id) (3,id) (5) and a plain list of ids", async (assert) => {
    const step = fixture.steps[3]!;
    const [yes, no, maybe] = fixture.answers[2] as [number, number, number];
    const only = async () => ((await readOne(admin, STEP, step, ["triggering_answer_ids"])).triggering_answer_ids as number[]).sort((a, b) => a - b);
    await admin.write(STEP, [step], { triggering_answer_ids: [[6, 0, [yes, no]]] });
    assert.deepEqual(await only(), [yes, no].sort((a, b) => a - b), "(6,0,ids) sets");
    await admin.write(STEP, [step], { triggering_answer_ids: [[4, maybe]] });
    assert.deepEqual(await only(), [yes, no, maybe].sort((a, b) => a - b), "(4,id) links");
    await admin.write(STEP, [step], { triggering_answer_ids: [[3, no]] });
    assert.deepEqual(await only(), [yes, maybe].sort((a, b) => a - b), "(3,id) unlinks");
    assert.strictEqual(await admin.searchCount(ANSWER, [["id", "=", no]]), 1, "…without deleting the answer");
    await admin.write(STEP, [step], { triggering_answer_ids: [[5]] });
    assert.deepEqual(await only(), [], "(5) clears");
    await admin.write(STEP, [step], { triggering_answer_ids: [[6, 0, [no]]] });
    assert.deepEqual(await only(), [no]);
    await admin.write(STEP, [step], { triggering_answer_ids: [[5]] });
  });

  QUnit.test("one2many commands: (0,0,vals) (1,id,vals) (2,id) (3,id)", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("O2M"), [{ step_type: "question_selection", message: "Q?", answers: ["A", "B", "C"] }]);
    const step = script.steps[0]!;
    const [a, b, c] = script.answers[0] as [number, number, number];
    await admin.write(STEP, [step], { answer_ids: [[0, 0, { name: "D", sequence: 9 }], [1, a, { name: "A2" }], [2, b]] });
    const answers = await admin.searchRead<{ id: number; name: string }>(ANSWER, [["script_step_id", "=", step]], ["name"]);
    assert.deepEqual(answers.map((x) => x.name), ["A2", "C", "D"], "created, updated and deleted, in the answers' order");
    assert.strictEqual(await admin.searchCount(ANSWER, [["id", "=", b]]), 0, "(2,id) deletes");
    await admin.write(STEP, [step], { answer_ids: [[3, c]] });
    assert.strictEqual(await admin.searchCount(ANSWER, [["id", "=", c]]), 0, "(3,id) on a required cascade inverse deletes too");
    const created = await admin.create(SCRIPT, { title: uniqueTitle("O2M create"), script_step_ids: [[0, 0, { step_type: "question_selection", message: "Nested", answer_ids: [[0, 0, { name: "X" }]] }]] });
    const [nested] = await admin.searchRead<{ answer_ids: number[] }>(STEP, [["chatbot_script_id", "=", created]], ["answer_ids"]);
    assert.strictEqual(nested!.answer_ids.length, 1, "nested (0,0,vals) on create");
  });

  QUnit.test("fields_get: Odoo's types, labels, selections and relations", async (assert) => {
    const described = await admin.call<Record<string, Record<string, unknown>>>(STEP, "fields_get", [], { attributes: ["string", "type", "required", "selection", "relation"] });
    assert.strictEqual(described.step_type!.type, "selection");
    assert.true(described.step_type!.required as boolean, "step_type required");
    const selection = described.step_type!.selection as [string, string][];
    for (const value of STEP_TYPES) {
      if (value === "create_ticket") continue; // needs Odoo Enterprise on a real Odoo
      assert.ok(selection.some(([key, label]) => key === value && label === STEP_TYPE_LABELS[value]), `${value} is "${STEP_TYPE_LABELS[value]}"`);
    }
    assert.strictEqual(described.triggering_answer_ids!.string, "Only If");
    assert.strictEqual(described.triggering_answer_ids!.type, "many2many");
    assert.strictEqual(described.triggering_answer_ids!.relation, ANSWER);
    assert.strictEqual(described.message!.type, "text");
    assert.strictEqual(described.chatbot_script_id!.type, "many2one");
    assert.notOk("help" in described.message!, "only the asked attributes");
    const script = await admin.call<Record<string, Record<string, unknown>>>(SCRIPT, "fields_get", [["title", "first_step_warning"]], { attributes: ["type", "selection"] });
    assert.deepEqual(Object.keys(script).sort(), ["first_step_warning", "title"], "only the asked fields");
    assert.deepEqual(script.first_step_warning!.selection, [["first_step_operator", "First Step Operator"], ["first_step_invalid", "First Step Invalid"]]);
    // The texts a visitor reads are translatable, as Odoo's.
    const translate = async (model: string, field: string) => (await admin.call<Record<string, Record<string, unknown>>>(model, "fields_get", [[field]], { attributes: ["translate"] }))[field]!.translate;
    for (const [model, field] of [[SCRIPT, "title"], [STEP, "message"], [ANSWER, "name"]] as const) assert.ok(await translate(model, field), `${model}.${field} translate`);
    assert.notOk(await translate(STEP, "step_type"), "step_type is not");
  });

  QUnit.test("default_get, name_search and create with a list", async (assert) => {
    const defaults = await admin.call<Record<string, unknown>>(STEP, "default_get", [["step_type", "message"]]);
    assert.strictEqual(defaults.step_type, "text");
    const scriptDefaults = await admin.call<Record<string, unknown>>(SCRIPT, "default_get", [["title", "active"]]);
    assert.strictEqual(scriptDefaults.title, "Chatbot");
    assert.strictEqual(scriptDefaults.active, true);
    assert.strictEqual((await admin.call<Record<string, unknown>>(ANSWER, "default_get", [["sequence"]])).sequence, 1);
    const found = await admin.nameSearch(SCRIPT, title);
    assert.deepEqual(found, [[fixture.id, title]], "name_search on the title");
    const ids = await admin.call<number[]>("utm.source", "create", [[{ name: uniqueTitle("s1") }, { name: uniqueTitle("s2") }]]);
    assert.strictEqual(ids.length, 2, "a list of values creates a list of records");
    assert.strictEqual(await admin.unlink("utm.source", ids), true);
  });
});

QUnit.module("admin: UTM sources", () => {
  QUnit.test("source names are unique: a taken name gets a counter, a duplicate rename is refused", async (assert) => {
    const client = await asAdmin();
    const base = uniqueTitle("Source");
    const first = await client.create("utm.source", { name: base });
    const ids = await client.call<number[]>("utm.source", "create", [[{ name: base }, { name: base }]]);
    const names = await client.read<{ name: string }>("utm.source", [first, ...ids], ["name"]);
    assert.deepEqual(names.map((r) => r.name), [base, `${base} [2]`, `${base} [3]`]);
    await expectError(assert, client.write("utm.source", [ids[0]!], { name: base }), ODOO_ERRORS.validation, "rename onto a taken name");
    await client.unlink("utm.source", [first, ...ids]);
  });
});
