// The chatbot models' behaviours (section 2 of the Odoo reference), through call_kw only:
// sequence numbering, bot partner, "Only If" cleanup, copy, first_step_warning, answer
// display names, cascades, 18.0's refusal of a question without answers.
import { ODOO_ERRORS, ODOO_TEXTS } from "../../src/protocol/odoo.ts";
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { asAdmin, expectError, makeScript, readOne, sequencesOf, serverMajor, uniqueTitle } from "./support/admin.ts";

let admin: OdooClient;
let major = 18;
const STEP = "chatbot.script.step";
const ANSWER = "chatbot.script.answer";
const SCRIPT = "chatbot.script";
const idOf = (value: unknown) => (Array.isArray(value) ? (value[0] as number) : false);

QUnit.module("admin: chatbot models", (hooks) => {
  hooks.before(async () => {
    admin = await asAdmin();
    major = await serverMajor(admin);
  });

  QUnit.test("step sequences are numbered per script, as Odoo's test_chatbot_steps_sequence", async (assert) => {
    const first = await makeScript(admin, uniqueTitle("Seq A"));
    const second = await makeScript(admin, uniqueTitle("Seq B"));
    const batch = (scriptId: number, n: number) =>
      admin.call<number[]>(STEP, "create", [Array.from({ length: n }, (_, i) => ({ chatbot_script_id: scriptId, step_type: "text", message: `Step ${i}` }))]);
    const created = await batch(first.id, 5);
    assert.strictEqual(created.length, 5, "create with a list returns one id per values");
    assert.deepEqual(await sequencesOf(admin, first.id), [0, 1, 2, 3, 4], "5 steps on a new script");
    await batch(second.id, 3);
    assert.deepEqual(await sequencesOf(admin, second.id), [0, 1, 2], "3 steps on another script start at 0 too");
    await batch(first.id, 2);
    assert.deepEqual(await sequencesOf(admin, first.id), [0, 1, 2, 3, 4, 5, 6], "2 more continue after the highest");
  });

  QUnit.test("steps added one by one get 0, 1, 2; an explicit sequence is kept and resets the counter", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Seq C"), [
      { step_type: "text", message: "a" },
      { step_type: "text", message: "b" },
      { step_type: "text", message: "c" },
    ]);
    assert.deepEqual(await sequencesOf(admin, script.id), [0, 1, 2]);
    const other = await makeScript(admin, uniqueTitle("Seq D"));
    await admin.call(STEP, "create", [
      [
        { chatbot_script_id: other.id, step_type: "text", message: "explicit", sequence: 10 },
        { chatbot_script_id: other.id, step_type: "text", message: "implicit" },
      ],
    ]);
    assert.deepEqual(await sequencesOf(admin, other.id), [10, 10], "the implicit step after an explicit one in a batch gets the same number");
  });

  QUnit.test("steps saved through the script are numbered in one batch", async (assert) => {
    const id = await admin.create(SCRIPT, {
      title: uniqueTitle("Seq E"),
      script_step_ids: [
        [0, 0, { step_type: "text", message: "one" }],
        [0, 0, { step_type: "text", message: "two" }],
        [0, 0, { step_type: "question_email", message: "mail?" }],
      ],
    });
    assert.deepEqual(await sequencesOf(admin, id), [0, 1, 2]);
  });

  QUnit.test("the bot partner is created archived with the title and renamed with it", async (assert) => {
    const title = uniqueTitle("Partner");
    const id = await admin.create(SCRIPT, { title });
    const script = await readOne<{ operator_partner_id: [number, string] }>(admin, SCRIPT, id, ["operator_partner_id"]);
    assert.ok(Array.isArray(script.operator_partner_id), "operator_partner_id is [id, name]");
    const partnerId = script.operator_partner_id[0];
    const partner = await readOne<{ name: string; active: boolean }>(admin, "res.partner", partnerId, ["name", "active"]);
    assert.strictEqual(partner.name, title, "partner named as the script");
    assert.strictEqual(partner.active, false, "partner archived");
    const renamed = uniqueTitle("Renamed");
    await admin.write(SCRIPT, [id], { title: renamed });
    assert.strictEqual((await readOne<{ name: string }>(admin, "res.partner", partnerId, ["name"])).name, renamed, "renamed with the title");
    const other = await admin.create(SCRIPT, { title: uniqueTitle("Partner 2") });
    const otherPartner = idOf((await readOne(admin, SCRIPT, other, ["operator_partner_id"])).operator_partner_id);
    assert.notStrictEqual(otherPartner, partnerId, "each script has its own bot partner");
  });

  QUnit.test("a script needs a title: create({}) and title False are refused", async (assert) => {
    await expectError(assert, admin.create(SCRIPT, {}), ODOO_ERRORS.validation, "create({})");
    await expectError(assert, admin.create(SCRIPT, { title: false }), ODOO_ERRORS.validation, "title False", "The operation cannot be completed: Contacts require a name");
  });

  QUnit.test("'Only If' answers are dropped when the dependent step's own sequence is written", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Only If"), [
      { step_type: "question_selection", message: "Q?", answers: ["A", "B"] },
      { step_type: "text", message: "shown for A" },
      { step_type: "text", message: "unconditional" },
    ]);
    const [question, dependent] = script.steps as [number, number];
    const [answerA] = script.answers[0] as [number];
    await admin.write(STEP, [dependent], { triggering_answer_ids: [[6, 0, [answerA]]] });
    assert.deepEqual((await readOne(admin, STEP, dependent, ["triggering_answer_ids"])).triggering_answer_ids, [answerA], "condition stored");
    await admin.write(STEP, [question], { sequence: 5 });
    assert.deepEqual((await readOne(admin, STEP, dependent, ["triggering_answer_ids"])).triggering_answer_ids, [answerA], "moving the question below keeps the impossible condition");
    const { sequence } = await readOne<{ sequence: number }>(admin, STEP, dependent, ["sequence"]);
    await admin.write(STEP, [dependent], { sequence });
    assert.deepEqual((await readOne(admin, STEP, dependent, ["triggering_answer_ids"])).triggering_answer_ids, [], "writing its own sequence (even unchanged) drops it");
  });

  QUnit.test("'Only If' answers of another script are judged by their own step's sequence too", async (assert) => {
    const other = await makeScript(admin, uniqueTitle("Only If elsewhere"), [{ step_type: "question_selection", message: "Far?", answers: ["Far"], sequence: 10 }]);
    const near = await makeScript(admin, uniqueTitle("Only If near"), [{ step_type: "question_selection", message: "Near?", answers: ["Near"], sequence: 0 }]);
    const script = await makeScript(admin, uniqueTitle("Only If here"), [{ step_type: "text", message: "conditional", sequence: 20 }]);
    const [step] = script.steps as [number];
    const far = other.answers[0]![0]!;
    const close = near.answers[0]![0]!;
    await admin.write(STEP, [step], { triggering_answer_ids: [[6, 0, [far, close]]] });
    await admin.write(STEP, [step], { sequence: 20 });
    assert.deepEqual(((await readOne(admin, STEP, step, ["triggering_answer_ids"])).triggering_answer_ids as number[]).sort(), [far, close].sort(), "both questions come before (10 and 0 < 20)");
    await admin.write(STEP, [step], { sequence: 5 });
    assert.deepEqual((await readOne(admin, STEP, step, ["triggering_answer_ids"])).triggering_answer_ids, [close], "at 5, the answer of a step at 10 is dropped, that of a step at 0 kept");
  });

  QUnit.test("copy: '<title> (copy)', steps and answers copied, 'Only If' re-mapped onto the copy", async (assert) => {
    const title = uniqueTitle("Dup");
    const script = await makeScript(admin, title, [
      { step_type: "question_selection", message: "First?", answers: ["A", "B"] },
      { step_type: "question_selection", message: "Second?", answers: ["C"] },
      { step_type: "text", message: "B and C" },
    ]);
    const [answerA, answerB] = script.answers[0] as [number, number];
    const [answerC] = script.answers[1] as [number];
    await admin.write(STEP, [script.steps[2]!], { triggering_answer_ids: [[6, 0, [answerB, answerC]]] });
    const raw = await admin.call<number | number[]>(SCRIPT, "copy", [script.id]);
    if (major >= 18) assert.ok(Array.isArray(raw) && raw.length === 1, "18.0 returns [id]");
    else assert.strictEqual(typeof raw, "number", "17.0 returns an id");
    const copyId = Array.isArray(raw) ? raw[0]! : raw;
    assert.notStrictEqual(copyId, script.id);
    const copy = await readOne<{ title: string; script_step_ids: number[]; operator_partner_id: [number, string] }>(admin, SCRIPT, copyId, ["title", "script_step_ids", "operator_partner_id"]);
    assert.strictEqual(copy.title, `${title} (copy)`);
    assert.strictEqual(copy.script_step_ids.length, 3, "steps copied");
    assert.strictEqual(copy.operator_partner_id[1], `${title} (copy)`, "a new bot partner named as the copy");
    const steps = await admin.searchRead<{ id: number; message: string; answer_ids: number[]; triggering_answer_ids: number[] }>(STEP, [["chatbot_script_id", "=", copyId]], ["message", "answer_ids", "triggering_answer_ids"], { order: "sequence, id" });
    assert.deepEqual(steps.map((s) => s.message), ["First?", "Second?", "B and C"]);
    const copyAnswers = await admin.read<{ id: number; name: string; script_step_id: [number, string] }>(ANSWER, steps[2]!.triggering_answer_ids, ["name", "script_step_id"]);
    assert.deepEqual(copyAnswers.map((a) => a.name).sort(), ["B", "C"], "the copy's condition names the same answers");
    assert.ok(copyAnswers.every((a) => steps.slice(0, 2).some((s) => s.id === a.script_step_id[0])), "…of the copy's own questions");
    assert.notOk(steps[2]!.triggering_answer_ids.includes(answerA) || steps[2]!.triggering_answer_ids.includes(answerB), "no link to the original's answers");
    const original = await readOne<{ triggering_answer_ids: number[] }>(admin, STEP, script.steps[2]!, ["triggering_answer_ids"]);
    assert.deepEqual(original.triggering_answer_ids.sort(), [answerB, answerC].sort(), "the original is unchanged");
    if (major >= 18) {
      const withDefault = await admin.copy(SCRIPT, script.id, { title: "ignored" });
      assert.strictEqual((await readOne<{ title: string }>(admin, SCRIPT, withDefault, ["title"])).title, `${title} (copy)`, "18.0: a default title does not override ' (copy)'");
    }
  });

  QUnit.test("first_step_warning follows the last welcome step", async (assert) => {
    const cases: [string, { step_type: string; message?: string; answers?: string[] }[], string | false][] = [
      ["no step", [], false],
      ["text only", [{ step_type: "text", message: "hi" }], "first_step_invalid"],
      ["text then forward", [{ step_type: "text", message: "hi" }, { step_type: "forward_operator" }], "first_step_operator"],
      ["forward first", [{ step_type: "forward_operator" }, { step_type: "question_email", message: "mail?" }], "first_step_operator"],
      ["text then question", [{ step_type: "text", message: "hi" }, { step_type: "question_selection", message: "Q?", answers: ["x"] }], false],
      ["email first", [{ step_type: "question_email", message: "mail?" }], false],
      ["free input", [{ step_type: "free_input_multi", message: "tell" }], false],
      ["lead first", [{ step_type: "create_lead", message: "thanks" }], "first_step_invalid"],
    ];
    for (const [label, steps, expected] of cases) {
      const script = await makeScript(admin, uniqueTitle("Warn"), steps);
      assert.strictEqual((await readOne(admin, SCRIPT, script.id, ["first_step_warning"])).first_step_warning, expected, label);
    }
  });

  QUnit.test("answer display names: shortened step message, or the name alone with the context key", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Names"), [
      { step_type: "question_selection", message: "What are you looking for? Tell me more please", answers: ["Pricing"] },
      { step_type: "question_selection", message: "Short\nquestion", answers: ["Yes"] },
    ]);
    const [pricing] = script.answers[0] as [number];
    const [yes] = script.answers[1] as [number];
    assert.strictEqual((await readOne(admin, ANSWER, pricing, ["display_name"])).display_name, "What are you looking [...]: Pricing");
    assert.strictEqual((await readOne(admin, ANSWER, yes, ["display_name"])).display_name, "Short question: Yes", "newlines become spaces");
    assert.strictEqual((await readOne(admin, ANSWER, pricing, ["display_name"], { chatbot_script_answer_display_short_name: true })).display_name, "Pricing", "short name");
  });

  QUnit.test("answer name_search matches the name or the step message, within force_domain_chatbot_script_id", async (assert) => {
    const marker = uniqueTitle("zq").replace(/\W/g, "");
    const mine = await makeScript(admin, uniqueTitle("Search A"), [{ step_type: "question_selection", message: `Pick ${marker}`, answers: ["Apple", "Banana"] }]);
    const theirs = await makeScript(admin, uniqueTitle("Search B"), [{ step_type: "question_selection", message: `Pick ${marker}`, answers: ["Cherry"] }]);
    const byMessage = await admin.call<[number, string][]>(ANSWER, "name_search", [], { name: marker, context: { force_domain_chatbot_script_id: mine.id } });
    assert.deepEqual(byMessage.map(([id]) => id).sort((a, b) => a - b), [...mine.answers[0]!].sort((a, b) => a - b), "by step message, this script only");
    const all = await admin.call<[number, string][]>(ANSWER, "name_search", [], { name: marker });
    assert.ok(theirs.answers[0]!.every((id) => all.some(([found]) => found === id)), "without the context key, other scripts match too");
    const byName = await admin.call<[number, string][]>(ANSWER, "name_search", [], { name: "banana", context: { force_domain_chatbot_script_id: mine.id } });
    assert.deepEqual(byName.map(([id]) => id), [mine.answers[0]![1]], "by answer name, case-insensitive");
    assert.strictEqual(byName[0]![1], `Pick ${marker}: Banana`, "with its display name");
  });

  QUnit.test("unlink cascades: a script takes its steps and answers; rules, bot partner and source stay", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Cascade"), [
      { step_type: "question_selection", message: "Q?", answers: ["A", "B"] },
      { step_type: "text", message: "bye" },
    ]);
    const channel = await admin.create("im_livechat.channel", { name: uniqueTitle("Channel") });
    const rule = await admin.create("im_livechat.channel.rule", { channel_id: channel, regex_url: "/cascade", chatbot_script_id: script.id });
    const before = await readOne<{ operator_partner_id: [number, string]; source_id: [number, string] }>(admin, SCRIPT, script.id, ["operator_partner_id", "source_id"]);
    await admin.unlink(SCRIPT, [script.id]);
    assert.strictEqual(await admin.searchCount(STEP, [["id", "in", script.steps]]), 0, "steps deleted");
    assert.strictEqual(await admin.searchCount(ANSWER, [["id", "in", script.answers.flat()]]), 0, "answers deleted");
    const kept = await readOne<{ chatbot_script_id: unknown }>(admin, "im_livechat.channel.rule", rule, ["chatbot_script_id"]);
    assert.strictEqual(kept.chatbot_script_id, false, "the rule stays, without chatbot");
    assert.strictEqual(await admin.searchCount("res.partner", [["id", "=", before.operator_partner_id[0]], ["active", "in", [true, false]]]), 1, "bot partner kept");
    assert.strictEqual(await admin.searchCount("utm.source", [["id", "=", before.source_id[0]]]), 1, "source kept");
    await admin.unlink("im_livechat.channel", [channel]);
    const orphan = await readOne<{ channel_id: unknown }>(admin, "im_livechat.channel.rule", rule, ["channel_id"]);
    assert.strictEqual(orphan.channel_id, false, "deleting the channel keeps its rules, without channel");
    await admin.unlink("im_livechat.channel.rule", [rule]);
  });

  QUnit.test("unlinking a question removes its answers from other steps' 'Only If'", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Cascade Q"), [
      { step_type: "question_selection", message: "Q?", answers: ["A"] },
      { step_type: "question_selection", message: "R?", answers: ["C"] },
      { step_type: "text", message: "after" },
    ]);
    const [a] = script.answers[0] as [number];
    const [c] = script.answers[1] as [number];
    await admin.write(STEP, [script.steps[2]!], { triggering_answer_ids: [[6, 0, [a, c]]] });
    await admin.unlink(STEP, [script.steps[0]!]);
    assert.strictEqual(await admin.searchCount(ANSWER, [["id", "=", a]]), 0, "its answers are deleted");
    assert.deepEqual((await readOne(admin, STEP, script.steps[2]!, ["triggering_answer_ids"])).triggering_answer_ids, [c], "and no longer condition other steps");
  });

  QUnit.test("a question step without answers saved through the script: refused on 18.0, accepted on 17.0", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("No answers"));
    const save = admin.write(SCRIPT, [script.id], { script_step_ids: [[0, 0, { step_type: "question_selection", message: "Q?" }]] });
    if (major >= 18) {
      await expectError(assert, save, ODOO_ERRORS.validation, "question without answers", ODOO_TEXTS.questionWithoutAnswers);
      assert.strictEqual(await admin.searchCount(STEP, [["chatbot_script_id", "=", script.id]]), 0, "nothing saved");
    } else {
      assert.strictEqual(await save, true, "17.0 accepts it");
    }
    const withAnswers = await admin.write(SCRIPT, [script.id], { script_step_ids: [[0, 0, { step_type: "question_selection", message: "Q?", answer_ids: [[0, 0, { name: "Yes" }]] }]] });
    assert.strictEqual(withAnswers, true, "a question with answers is accepted");
  });

  QUnit.test("livechat_channel_count and lead_count", async (assert) => {
    const script = await makeScript(admin, uniqueTitle("Counts"), [{ step_type: "question_email", message: "mail?" }]);
    const channels = [await admin.create("im_livechat.channel", { name: uniqueTitle("C1") }), await admin.create("im_livechat.channel", { name: uniqueTitle("C2") })];
    await admin.create("im_livechat.channel.rule", { channel_id: channels[0], regex_url: "/a", chatbot_script_id: script.id });
    await admin.create("im_livechat.channel.rule", { channel_id: channels[0], regex_url: "/b", chatbot_script_id: script.id });
    assert.strictEqual((await readOne(admin, SCRIPT, script.id, ["livechat_channel_count"])).livechat_channel_count, 1, "two rules on one channel count once");
    await admin.create("im_livechat.channel.rule", { channel_id: channels[1], regex_url: "/c", chatbot_script_id: script.id });
    assert.strictEqual((await readOne(admin, SCRIPT, script.id, ["livechat_channel_count"])).livechat_channel_count, 2);
    assert.strictEqual((await readOne(admin, "im_livechat.channel", channels[0]!, ["chatbot_script_count"])).chatbot_script_count, 1, "chatbot_script_count of the channel");
    const source = idOf((await readOne(admin, SCRIPT, script.id, ["source_id"])).source_id);
    assert.ok(source, "every script has a UTM source");
    await admin.create("crm.lead", { name: "From the bot", source_id: source });
    await admin.create("crm.lead", { name: "Archived", source_id: source, active: false });
    assert.strictEqual((await readOne(admin, SCRIPT, script.id, ["lead_count"])).lead_count, 2, "leads of its source, archived included");
    await admin.unlink("im_livechat.channel", channels);
  });
});
