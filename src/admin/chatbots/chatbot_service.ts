// Chatbot scripts over Odoo's ORM (`call_kw` on chatbot.script / .step / .answer): the same
// calls against real Odoo and the embedded ERP. What a server lacks (no helpdesk, no CRM) is
// read from `fields_get`, never assumed.
import type { OdooClient, Domain } from "../../rpc/index.ts";
import { MODELS, STEP_TYPES, type FirstStepWarning, type StepType } from "../../protocol/odoo.ts";
import type { ChatbotScript, ChatbotScriptAnswer, ChatbotScriptStep } from "../../engine/types.ts";

export interface ScriptListRow {
  id: number;
  title: string;
  active: boolean;
  stepCount: number;
  channelCount: number;
}

export interface ScriptRecord {
  id: number;
  title: string;
  active: boolean;
  image: string | false;
  channelCount: number;
  firstStepWarning: FirstStepWarning;
  script: ChatbotScript;
}

export interface AnswerDraft {
  id?: number;
  name: string;
  redirect_link: string;
}

export interface StepDraft {
  message: string;
  step_type: StepType;
  answers: AnswerDraft[];
  triggering_answer_ids: number[];
  crm_team_id: number | false;
  helpdesk_team_id: number | false;
  /** Our addition on Phone steps (when the server has it). */
  phone_check: boolean;
  phone_default_country: string;
}

export interface Team {
  id: number;
  name: string;
}

/** What this server offers: step types and optional step fields. */
export interface StepCapabilities {
  stepTypes: StepType[];
  crmTeam: boolean;
  helpdeskTeam: boolean;
  /** The bridge's phone check fields exist on this server. */
  phoneCheck: boolean;
}

type Row = Record<string, unknown>;
const many2oneId = (value: unknown): number | false => (Array.isArray(value) ? (value[0] as number) : typeof value === "number" ? value : false);

export class ChatbotService {
  private capabilities?: Promise<StepCapabilities>;

  constructor(private readonly orm: OdooClient) {}

  async list(options: { search?: string; archived?: boolean } = {}): Promise<ScriptListRow[]> {
    const domain: Domain = [];
    if (options.search) domain.push(["title", "ilike", options.search]);
    if (options.archived) domain.push(["active", "=", false]);
    const rows = await this.orm.searchRead(MODELS.script, domain, ["title", "active", "script_step_ids", "livechat_channel_count"], {
      order: "title, id",
      context: options.archived ? { active_test: false } : {},
    });
    return rows.map((r) => ({
      id: r.id as number,
      title: r.title as string,
      active: r.active !== false,
      stepCount: (r.script_step_ids as number[]).length,
      channelCount: (r.livechat_channel_count as number) ?? 0,
    }));
  }

  stepCapabilities(): Promise<StepCapabilities> {
    this.capabilities ??= this.orm.fieldsGet(MODELS.step, ["type", "selection"]).then((fields) => {
      const offered = new Set(((fields.step_type?.selection as [string, string][] | undefined) ?? []).map(([value]) => value));
      return {
        stepTypes: STEP_TYPES.filter((t) => offered.size === 0 || offered.has(t)),
        crmTeam: "crm_team_id" in fields,
        helpdeskTeam: "helpdesk_team_id" in fields,
        phoneCheck: "phone_check" in fields,
      };
    });
    return this.capabilities;
  }

  async teams(): Promise<{ crm: Team[]; helpdesk: Team[] }> {
    const caps = await this.stepCapabilities();
    const load = (model: string) => this.orm.searchRead(model, [], ["name"], { order: "name" }).then((rows) => rows.map((r) => ({ id: r.id as number, name: r.name as string })));
    const [crm, helpdesk] = await Promise.all([caps.crmTeam ? load(MODELS.crmTeam) : [], caps.helpdeskTeam ? load(MODELS.helpdeskTeam) : []]);
    return { crm, helpdesk };
  }

  async load(id: number): Promise<ScriptRecord | null> {
    const caps = await this.stepCapabilities();
    const [record] = await this.orm.read(MODELS.script, [id], ["title", "active", "image_1920", "livechat_channel_count", "first_step_warning"], {
      context: { active_test: false },
    });
    if (!record) return null;
    const stepFields = ["sequence", "step_type", "message", "answer_ids", "triggering_answer_ids"];
    if (caps.crmTeam) stepFields.push("crm_team_id");
    if (caps.helpdeskTeam) stepFields.push("helpdesk_team_id");
    if (caps.phoneCheck) stepFields.push("phone_check", "phone_default_country");
    const steps = await this.orm.searchRead(MODELS.step, [["chatbot_script_id", "=", id]], stepFields, { order: "sequence, id" });
    const answerIds = steps.flatMap((s) => s.answer_ids as number[]);
    const answers = answerIds.length
      ? await this.orm.searchRead(MODELS.answer, [["id", "in", answerIds]], ["name", "sequence", "redirect_link", "script_step_id"], {
          order: "sequence, id",
          context: { chatbot_script_answer_display_short_name: true },
        })
      : [];
    return {
      id,
      title: record.title as string,
      active: record.active !== false,
      image: (record.image_1920 as string | false) || false,
      channelCount: (record.livechat_channel_count as number) ?? 0,
      firstStepWarning: (record.first_step_warning as FirstStepWarning) || false,
      script: buildScript(id, record.title as string, record.active !== false, steps, answers),
    };
  }

  create(title: string, image: string | false): Promise<number> {
    return this.orm.create(MODELS.script, image ? { title, image_1920: image } : { title });
  }

  write(id: number, values: Record<string, unknown>): Promise<boolean> {
    return this.orm.write(MODELS.script, [id], values);
  }

  async saveStep(scriptId: number, step: ChatbotScriptStep | null, draft: StepDraft): Promise<number> {
    const caps = await this.stepCapabilities();
    const isQuestion = draft.step_type === "question_selection";
    const kept = new Set(isQuestion ? draft.answers.filter((a) => a.id).map((a) => a.id!) : []);
    const commands: unknown[] = [];
    (isQuestion ? draft.answers : []).forEach((answer, index) => {
      const values = { name: answer.name, redirect_link: answer.redirect_link || false, sequence: index + 1 };
      commands.push(answer.id ? [1, answer.id, values] : [0, 0, values]);
    });
    for (const old of step?.answer_ids ?? []) if (!kept.has(old.id)) commands.push([2, old.id]);
    const values: Record<string, unknown> = {
      message: draft.message || false,
      step_type: draft.step_type,
      answer_ids: commands,
      triggering_answer_ids: [[6, 0, draft.triggering_answer_ids]],
    };
    if (caps.crmTeam) values.crm_team_id = draft.step_type === "create_lead" ? draft.crm_team_id : false;
    if (caps.helpdeskTeam) values.helpdesk_team_id = draft.step_type === "create_ticket" ? draft.helpdesk_team_id : false;
    if (caps.phoneCheck) {
      const isPhone = draft.step_type === "question_phone";
      values.phone_check = isPhone && draft.phone_check;
      values.phone_default_country = isPhone && draft.phone_check && draft.phone_default_country ? draft.phone_default_country.toUpperCase() : false;
    }
    if (step) {
      await this.orm.write(MODELS.step, [step.id], values);
      return step.id;
    }
    return this.orm.create(MODELS.step, { ...values, chatbot_script_id: scriptId });
  }

  deleteStep(stepId: number): Promise<boolean> {
    return this.orm.unlink(MODELS.step, [stepId]);
  }

  /**
   * Saves a new order as contiguous sequences 0..n-1, as Odoo's steps list does after a drag.
   * Every step's sequence is written, so the server drops "Only If" conditions that now point
   * at a later answer (Odoo's cleanup runs when a step's own sequence is written).
   */
  reorder(scriptId: number, orderedStepIds: number[]): Promise<boolean> {
    return this.write(scriptId, { script_step_ids: orderedStepIds.map((id, index) => [1, id, { sequence: index }]) });
  }

  duplicate(id: number): Promise<number> {
    return this.orm.copy(MODELS.script, id);
  }

  setActive(id: number, active: boolean): Promise<boolean> {
    return this.write(id, { active });
  }

  remove(id: number): Promise<boolean> {
    return this.orm.unlink(MODELS.script, [id]);
  }
}

/** Assembles the engine's view of a script from `search_read` rows. */
export function buildScript(id: number, title: string, active: boolean, steps: Row[], answers: Row[]): ChatbotScript {
  const answersByStep = new Map<number, ChatbotScriptAnswer[]>();
  for (const a of answers) {
    const stepId = many2oneId(a.script_step_id) as number;
    const list = answersByStep.get(stepId) ?? [];
    list.push({ id: a.id as number, name: a.name as string, sequence: (a.sequence as number) ?? 1, redirect_link: (a.redirect_link as string | false) || false, script_step_id: stepId });
    answersByStep.set(stepId, list);
  }
  const scriptSteps: ChatbotScriptStep[] = steps.map((s) => ({
    id: s.id as number,
    sequence: (s.sequence as number) ?? 0,
    step_type: s.step_type as StepType,
    message: (s.message as string | false) || false,
    answer_ids: (answersByStep.get(s.id as number) ?? []).sort((a, b) => a.sequence - b.sequence || a.id - b.id),
    triggering_answer_ids: (s.triggering_answer_ids as number[]) ?? [],
    crm_team_id: many2oneId(s.crm_team_id),
    helpdesk_team_id: many2oneId(s.helpdesk_team_id),
    phone_check: s.phone_check === true,
    phone_default_country: (s.phone_default_country as string | false) || false,
  }));
  scriptSteps.sort((a, b) => a.sequence - b.sequence || a.id - b.id);
  return { id, title, active, script_step_ids: scriptSteps };
}
