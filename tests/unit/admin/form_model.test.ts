// The chatbot form's model: a step edit shows on screen (and in the analysis) before the server
// answers, the reload then brings what the server stored, and a refused edit is undone.
import { STEP_TYPES } from "../../../src/protocol/odoo.ts";
import { analyzeScript } from "../../../src/engine/index.ts";
import type { ChatbotScript, ChatbotScriptStep } from "../../../src/engine/types.ts";
import { ChatbotFormModel, scriptWithStep, scriptWithoutStep } from "../../../src/admin/chatbots/chatbot_form_model.ts";
import type { ChatbotService, ScriptRecord, StepDraft } from "../../../src/admin/chatbots/chatbot_service.ts";
import { sampleScript } from "./support.ts";

const draft = (values: Partial<StepDraft>): StepDraft => ({
  message: "",
  step_type: "text",
  answers: [],
  triggering_answer_ids: [],
  crm_team_id: false,
  helpdesk_team_id: false,
  phone_check: false,
  phone_default_country: "",
  ...values,
});

/** A service whose writes wait until the test lets them answer (or fail). */
function fakeService() {
  let server: ChatbotScript = sampleScript();
  const calls: string[] = [];
  let release: { ok: (apply: () => void) => void; fail: (error: Error) => void } | null = null;
  const gate = (label: string, apply: () => void) =>
    new Promise<void>((resolve, reject) => {
      calls.push(label);
      release = {
        ok: () => {
          apply();
          resolve();
        },
        fail: reject,
      };
    });
  const service = {
    stepCapabilities: async () => ({ stepTypes: [...STEP_TYPES], crmTeam: true, helpdeskTeam: false, phoneCheck: true }),
    teams: async () => ({ crm: [], helpdesk: [] }),
    load: async (id: number): Promise<ScriptRecord> => {
      calls.push("load");
      return { id, title: "Sample Bot", active: true, image: false, channelCount: 0, firstStepWarning: false, script: structuredClone(server) };
    },
    saveStep: (_scriptId: number, step: ChatbotScriptStep | null, d: StepDraft) =>
      gate(`save ${step?.id ?? "new"}`, () => {
        server = scriptWithStep(server, step, d);
        // The server gives real ids.
        server.script_step_ids = server.script_step_ids.map((s) => (s.id < 0 ? { ...s, id: 100, answer_ids: s.answer_ids.map((a, i) => ({ ...a, id: 1000 + i, script_step_id: 100 })) } : s));
      }),
    deleteStep: (stepId: number) => gate(`delete ${stepId}`, () => (server = scriptWithoutStep(server, stepId))),
  };
  return { service: service as unknown as ChatbotService, calls, release: () => release! };
}

const kinds = (script: ChatbotScript) => analyzeScript(script).findings.map((f) => f.kind);

QUnit.module("admin: chatbot form model", () => {
  QUnit.test("deleting a step changes the script and its analysis before the server answers", async (assert) => {
    const { service, calls, release } = fakeService();
    const model = new ChatbotFormModel(service);
    await model.load(1);
    assert.false(kinds(model.script).includes("dead_end"));
    const deleting = model.deleteStep(7); // "Bye!": without it, "Support" leads nowhere
    assert.deepEqual(model.steps.map((s) => s.id), [1, 2, 3, 4, 5, 6], "gone from the screen at once");
    assert.true(kinds(model.script).includes("dead_end"), "the analysis already shows the dead end");
    assert.deepEqual(calls, ["load", "delete 7"], "the server has not answered yet");
    release().ok(() => {});
    await deleting;
    assert.deepEqual(calls, ["load", "delete 7", "load"], "then the reload reconciles");
    assert.deepEqual(model.steps.map((s) => s.id), [1, 2, 3, 4, 5, 6]);
  });

  QUnit.test("saving a step shows it at once, with its answers; the server's ids come with the reload", async (assert) => {
    const { service, release } = fakeService();
    const model = new ChatbotFormModel(service);
    await model.load(1);
    const saving = model.saveStep(null, draft({ message: "One more?", step_type: "question_selection", answers: [{ name: "Sure", redirect_link: "" }] }));
    const added = model.steps.at(-1)!;
    assert.strictEqual(added.message, "One more?");
    assert.strictEqual(added.sequence, 7, "after the last step, as the server numbers it");
    assert.deepEqual(added.answer_ids.map((a) => a.name), ["Sure"]);
    assert.true(added.id < 0 && added.answer_ids[0]!.id < 0, "temporary ids until the server answers");
    assert.true(kinds(model.script).includes("dead_end"), "'Sure' leads nowhere: shown before the server answers");
    release().ok(() => {});
    await saving;
    assert.strictEqual(model.steps.at(-1)!.id, 100);
  });

  QUnit.test("editing a question's answers drops removed ones from other steps' Only If at once", async (assert) => {
    const { service, release } = fakeService();
    const model = new ChatbotFormModel(service);
    await model.load(1);
    const question = model.steps.find((s) => s.id === 2)!;
    const saving = model.saveStep(question, draft({ message: "What do you need?", step_type: "question_selection", answers: [{ id: 11, name: "Support", redirect_link: "" }] }));
    assert.deepEqual(model.steps.find((s) => s.id === 2)!.answer_ids.map((a) => a.id), [11]);
    assert.deepEqual(model.steps.find((s) => s.id === 5)!.triggering_answer_ids, [], "'Pricing' is gone from the forward's Only If");
    release().ok(() => {});
    await saving;
  });

  QUnit.test("a refused edit is undone on screen and the error reaches the caller", async (assert) => {
    const { service, calls, release } = fakeService();
    const model = new ChatbotFormModel(service);
    await model.load(1);
    const before = model.steps.map((s) => s.message);
    const saving = model.saveStep(model.steps[0]!, draft({ message: "Changed", step_type: "text" }));
    assert.strictEqual(model.steps[0]!.message, "Changed");
    release().fail(new Error("Record does not exist or has been deleted."));
    await assert.rejects(saving, /deleted/);
    assert.deepEqual(model.steps.map((s) => s.message), before, "back as it was");
    const deleting = model.deleteStep(3);
    assert.strictEqual(model.steps.length, 6);
    release().fail(new Error("Access Denied"));
    await assert.rejects(deleting, /Access Denied/);
    assert.strictEqual(model.steps.length, 7, "the step is back");
    assert.deepEqual(calls.filter((c) => c === "load").length, 3, "each failure reloads what the server has");
  });
});
