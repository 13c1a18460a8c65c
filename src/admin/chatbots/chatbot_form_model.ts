// State of the chatbot form: the saved record, the unsaved title and image, and the actions of
// the form. Steps are saved as soon as their dialog is saved (as Odoo's steps list does), so
// only the title and the image can be "unsaved changes".
import { reactive } from "@odoo/owl";
import type { ChatbotScript, ChatbotScriptStep } from "../../engine/types.ts";
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

  async saveStep(step: ChatbotScriptStep | null, draft: StepDraft): Promise<void> {
    await this.service.saveStep(this.record!.id, step, draft);
    await this.reload();
  }

  async deleteStep(stepId: number): Promise<void> {
    await this.service.deleteStep(stepId);
    await this.reload();
  }

  /** Moves a step to `toIndex` at once on screen, then saves contiguous sequences. */
  async moveStep(stepId: number, toIndex: number): Promise<void> {
    const ordered = reorderedSteps(this.script.script_step_ids, stepId, toIndex);
    if (!ordered) return;
    this.script = { ...this.script, script_step_ids: ordered };
    await this.service.reorder(this.record!.id, ordered.map((s) => s.id));
    await this.reload();
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
