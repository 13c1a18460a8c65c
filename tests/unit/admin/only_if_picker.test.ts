import { Component, useState, xml } from "@odoo/owl";
import { OnlyIfPicker } from "../../../src/admin/chatbots/only_if_picker.ts";
import { onlyIfCandidates, scriptAnswers, type OnlyIfCandidate } from "../../../src/admin/chatbots/only_if.ts";
import { click, fire, key, mountComponent, sampleScript, texts, type, type Mounted } from "./support.ts";

/** Hosts the picker the way the step dialog does: the selection lives in the parent. */
class Host extends Component<{ candidates: OnlyIfCandidate[]; initial: number[]; labels: Record<number, string> }> {
  static components = { OnlyIfPicker };
  static override props = ["candidates", "initial", "labels"];
  static override template = xml`<OnlyIfPicker inputId="'only_if'" candidates="props.candidates" selectedIds="state.ids" labels="props.labels" onChange="(ids) => this.state.ids = ids"/>`;
  state = useState({ ids: [...this.props.initial] });
}

async function openPicker(stepSequence: number | null, initial: number[] = []): Promise<Mounted> {
  const script = sampleScript();
  const labels = Object.fromEntries(scriptAnswers(script).map((a) => [a.id, a.label]));
  return mountComponent(Host, { candidates: onlyIfCandidates(script, stepSequence), initial, labels });
}

const input = (h: Mounted) => h.target.querySelector("#only_if") as HTMLInputElement;
async function focus(h: Mounted) {
  await fire(input(h), "focus");
}

QUnit.module("admin: Only If picker", (hooks) => {
  let h: Mounted | undefined;
  hooks.afterEach(() => h?.destroy());

  QUnit.test("candidates are the answers of earlier questions of this script, named 'step message: answer'", async (assert) => {
    const script = sampleScript();
    assert.deepEqual(onlyIfCandidates(script, 1).map((c) => c.id), [], "the first question has no earlier question");
    assert.deepEqual(onlyIfCandidates(script, 2).map((c) => c.id), [10, 11]);
    assert.deepEqual(onlyIfCandidates(script, 4).map((c) => c.id), [10, 11, 20, 21]);
    assert.deepEqual(onlyIfCandidates(script, 3).map((c) => c.id), [10, 11], "same sequence is not earlier");
    assert.deepEqual(onlyIfCandidates(script, null).map((c) => c.id), [10, 11, 20, 21], "a new step comes after every question");
    h = await openPicker(2);
    await focus(h);
    assert.strictEqual(input(h).getAttribute("aria-expanded"), "true");
    assert.deepEqual(texts(h.target, "[role=option]"), ["What do you need?: Pricing", "What do you need?: Support"]);
  });

  QUnit.test("typing filters, a click adds a tag, the tag's button removes it", async (assert) => {
    h = await openPicker(null);
    await focus(h);
    await type(input(h), "else");
    assert.deepEqual(texts(h.target, "[role=option]"), ["Anything else?: Yes", "Anything else?: No"]);
    await type(input(h), "support");
    assert.deepEqual(texts(h.target, "[role=option]"), ["What do you need?: Support"]);
    await click(h.target.querySelector("[role=option]"));
    assert.deepEqual(texts(h.target, ".o_tag_label"), ["What do you need?: Support"]);
    assert.strictEqual(input(h).value, "", "the query is cleared");
    await focus(h);
    assert.false(texts(h.target, "[role=option]").includes("What do you need?: Support"), "a chosen answer is not offered twice");
    await type(input(h), "zzz");
    assert.deepEqual(texts(h.target, "[role=option]"), ["No records"]);
    await click(h.target.querySelector(".o_tag_remove"));
    assert.deepEqual(texts(h.target, ".o_tag_label"), []);
  });

  QUnit.test("keyboard: arrows move, Enter adds, Backspace on an empty field removes the last tag", async (assert) => {
    h = await openPicker(null);
    await focus(h);
    await key(input(h), "ArrowDown");
    const active = h.target.querySelector("[aria-selected=true]");
    assert.strictEqual(active?.textContent, "What do you need?: Support");
    assert.strictEqual(input(h).getAttribute("aria-activedescendant"), active?.id);
    await key(input(h), "Enter");
    await key(input(h), "Enter");
    assert.deepEqual(texts(h.target, ".o_tag_label"), ["What do you need?: Support", "What do you need?: Pricing"]);
    await key(input(h), "Backspace");
    assert.deepEqual(texts(h.target, ".o_tag_label"), ["What do you need?: Support"]);
    await key(input(h), "Escape");
    assert.strictEqual(input(h).getAttribute("aria-expanded"), "false");
  });

  QUnit.test("a stored condition that is no longer allowed shows as an invalid tag", async (assert) => {
    h = await openPicker(2, [20]);
    const tag = h.target.querySelector(".o_tag");
    assert.true(tag?.classList.contains("o_tag_invalid"));
    assert.strictEqual(tag?.querySelector(".o_tag_label")?.textContent, "Anything else?: Yes");
  });
});
