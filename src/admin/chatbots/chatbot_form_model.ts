// State of the chatbot form: the saved record, the unsaved title and image, and the actions of
// the form. Steps are saved as soon as their dialog is saved (as Odoo's steps list does), so
// only the title and the image can be "unsaved changes". A step edit (save, delete, move)
// changes the script on screen at once, so the analysis follows without waiting for the
// server; the reload afterwards reconciles with what the server stored, and a refused edit is
// undone on screen.
import { assignSequences } from "../../engine/index.ts";
import { reactive } from "@odoo/owl";
import type { ChatbotScript, ChatbotScriptAnswer, ChatbotScriptStep } from "../../engine/types.ts";
import { ChatbotService, type ScriptRecord, type StepCapabilities, type StepDraft, type Team } from "./chatbot_service.ts";

const EMPTY_SCRIPT: ChatbotScript = { id: 0, title: "", active: true, script_step_ids: [] };

export class ChatbotFormModel {
  record: ScriptRecord | null = null;
  title = "";
  image: string | false = false;
  loading = true;
  /** The engine's view of the script, always the latest saved steps plus the draft title. */
  script: ChatbotScript = EMPTY_SCRIPT;
  capabilities: StepCapabilities = { stepTypes: [], crmTeam: false, helpdeskTeam: false, phoneCheck: false };
  teams: { crm: Team[]; helpdesk: Team[] } = { crm: [], helpdesk: [] };

  constructor(private readonly service: ChatbotService) {
    return reactive(this);
  }

  get isNew() {
    return !this.record;
  }
  get dirty(): boolean {
    if (!this.record) return this.title.trim() !== "" || this.image !== false;
    return this.title !== this.record.title || this.image !== this.record.image;
  }
  get steps(): ChatbotScriptStep[] {
    return this.script.script_step_ids;
  }

  async load(id: number | null): Promise<void> {
    this.loading = true;
    const [caps, teams, record] = await Promise.all([
      this.service.stepCapabilities(),
      this.service.teams(),
      id ? this.service.load(id) : Promise.resolve(null),
    ]);
    this.capabilities = caps;
    this.teams = teams;
    this.setRecord(record);
    this.loading = false;
  }

  private setRecord(record: ScriptRecord | null) {
    this.record = record;
    this.title = record?.title ?? "";
    this.image = record?.image ?? false;
    this.script = record?.script ?? { ...EMPTY_SCRIPT };
  }

  /** Reloads the saved record, keeping unsaved title/image edits. */
  async reload(): Promise<void> {
    if (!this.record) return;
    const title = this.title;
    const image = this.image;
    const fresh = await this.service.load(this.record.id);
    if (!fresh) return;
    this.record = fresh;
    this.script = fresh.script;
    this.title = title;
    this.image = image;
  }

  /** Saves title and image; creates the record when new. Returns its id. */
  async save(): Promise<number> {
    const title = this.title.trim();
    if (!this.record) {
      const id = await this.service.create(title, this.image);
      this.setRecord(await this.service.load(id));
      return id;
    }
    const values: Record<string, unknown> = {};
    if (title !== this.record.title) values.title = title;
    if (this.image !== this.record.image) values.image_1920 = this.image;
    if (Object.keys(values).length) await this.service.write(this.record.id, values);
    await this.reload();
    this.title = this.record.title;
    this.image = this.record.image;
    return this.record.id;
  }

  discard() {
    this.title = this.record?.title ?? "";
    this.image = this.record?.image ?? false;
  }

  /** Saves a step (new when `step` is null): on screen at once, then on the server. */
  async saveStep(step: ChatbotScriptStep | null, draft: StepDraft): Promise<void> {
    await this.applyThenSave(scriptWithStep(this.script, step, draft), () => this.service.saveStep(this.record!.id, step, draft));
  }

  /** Deletes a step: gone from the screen at once, then from the server. */
  async deleteStep(stepId: number): Promise<void> {
    await this.applyThenSave(scriptWithoutStep(this.script, stepId), () => this.service.deleteStep(stepId));
  }

  /**
   * Shows `next` at once, then runs `save` and reloads what the server stored. When the server
   * refuses, the script on screen goes back to what it was (then to the server's version, when
   * it can be read) and the error is thrown for the caller to show.
   */
  private async applyThenSave(next: ChatbotScript, save: () => Promise<unknown>): Promise<void> {
    const before = this.script;
    this.script = next;
    try {
      await save();
    } catch (error) {
      if (this.script === next) this.script = before;
      await this.reload().catch(() => undefined);
      throw error;
    }
    await this.reload();
  }

  /** Moves a step to `toIndex` at once on screen, then saves contiguous sequences. */
  async moveStep(stepId: number, toIndex: number): Promise<void> {
    const ordered = reorderedSteps(this.script.script_step_ids, stepId, toIndex);
    if (!ordered) return;
    await this.applyThenSave({ ...this.script, script_step_ids: ordered }, () => this.service.reorder(this.record!.id, ordered.map((s) => s.id)));
  }

  async setActive(active: boolean) {
    await this.service.setActive(this.record!.id, active);
    await this.reload();
  }

  duplicate(): Promise<number> {
    return this.service.duplicate(this.record!.id);
  }

  remove(): Promise<boolean> {
    return this.service.remove(this.record!.id);
  }
}

/**
 * The steps in their new order with contiguous sequences 0..n-1, or null when nothing moves.
 * Conditions on answers that now come later are left for the server to drop (Odoo's rule);
 * the analysis shows them meanwhile.
 */
export function reorderedSteps(steps: ChatbotScriptStep[], stepId: number, toIndex: number): ChatbotScriptStep[] | null {
  const from = steps.findIndex((s) => s.id === stepId);
  const to = Math.max(0, Math.min(toIndex, steps.length - 1));
  if (from < 0 || from === to) return null;
  const list = [...steps];
  const [moved] = list.splice(from, 1);
  list.splice(to, 0, moved!);
  return list.map((s, index) => ({ ...s, sequence: index }));
}

let lastTemporaryId = -100;
/** Ids for steps and answers shown before the server gave theirs (below the dialog's draft id). */
const temporaryId = () => --lastTemporaryId;

/** Drops answers that no longer exist from every "Only If" (the server's relation does too). */
function withoutTriggers(steps: ChatbotScriptStep[], removed: Set<number>): ChatbotScriptStep[] {
  if (!removed.size) return steps;
  return steps.map((s) => (s.triggering_answer_ids.some((id) => removed.has(id)) ? { ...s, triggering_answer_ids: s.triggering_answer_ids.filter((id) => !removed.has(id)) } : s));
}

/**
 * The script as it will be once `draft` is saved as `step` (or as a new last step), with the
 * values the server stores (answers only on questions, teams only on their step type, the
 * default country upper-cased). New steps and answers get temporary negative ids.
 */
export function scriptWithStep(script: ChatbotScript, step: ChatbotScriptStep | null, draft: StepDraft): ChatbotScript {
  const id = step?.id ?? temporaryId();
  const isQuestion = draft.step_type === "question_selection";
  const isPhone = draft.step_type === "question_phone";
  const answers: ChatbotScriptAnswer[] = isQuestion
    ? draft.answers.map((a, index) => ({ id: a.id ?? temporaryId(), name: a.name, sequence: index + 1, redirect_link: a.redirect_link || false, script_step_id: id }))
    : [];
  const kept = new Set(answers.map((a) => a.id));
  const removed = new Set((step?.answer_ids ?? []).map((a) => a.id).filter((answerId) => !kept.has(answerId)));
  const country = draft.phone_default_country.trim();
  const saved: ChatbotScriptStep = {
    ...step,
    id,
    sequence: step ? step.sequence : assignSequences(script.script_step_ids.map((s) => s.sequence), [{}])[0]!,
    step_type: draft.step_type,
    message: draft.message || false,
    answer_ids: answers,
    triggering_answer_ids: [...draft.triggering_answer_ids],
    crm_team_id: draft.step_type === "create_lead" ? draft.crm_team_id : false,
    helpdesk_team_id: draft.step_type === "create_ticket" ? draft.helpdesk_team_id : false,
    phone_check: isPhone && draft.phone_check,
    phone_default_country: isPhone && draft.phone_check && country ? country.toUpperCase() : false,
  };
  const steps = step ? script.script_step_ids.map((s) => (s.id === step.id ? saved : s)) : [...script.script_step_ids, saved];
  return { ...script, script_step_ids: withoutTriggers(steps, removed) };
}

/** The script without step `stepId`; its answers leave the other steps' "Only If". */
export function scriptWithoutStep(script: ChatbotScript, stepId: number): ChatbotScript {
  const step = script.script_step_ids.find((s) => s.id === stepId);
  if (!step) return script;
  const removed = new Set(step.answer_ids.map((a) => a.id));
  return { ...script, script_step_ids: withoutTriggers(script.script_step_ids.filter((s) => s.id !== stepId), removed) };
}
