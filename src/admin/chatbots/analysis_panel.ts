// Whole-script analysis (beyond Odoo): the engine's findings in plain words, each one a link
// to its step. Computed in the browser from the script on screen, so it follows every edit.
import { Component, markRaw, onWillUnmount, onWillUpdateProps, useState, xml } from "@odoo/owl";
import { analyzeScript, type Finding } from "../../engine/index.ts";
import type { ChatbotScript } from "../../engine/types.ts";
import type { AdminEnv } from "../env.ts";
import { _t } from "../i18n/translate.ts";

export function findingTitle(kind: Finding["kind"]): string {
  switch (kind) {
    case "dead_end":
      return _t("Dead end");
    case "unreachable_step":
      return _t("Unreachable step");
    case "impossible_condition":
      return _t("Impossible condition");
    case "forward_without_fallback":
      return _t("Forward without fallback");
    case "shadowed_step":
      return _t("Step never shown");
    case "first_step_operator":
    case "first_step_invalid":
      return _t("First step");
    default:
      return _t("Problem");
  }
}

export function findingAdvice(kind: Finding["kind"]): string {
  switch (kind) {
    case "dead_end":
      return _t("After this answer no step follows: the chat stops right after the visitor's click, with no reply.");
    case "unreachable_step":
      return _t("No conversation can reach this step.");
    case "impossible_condition":
      return _t("This \"Only If\" can never be met, for example because it needs two answers of the same question or an answer given later.");
    case "forward_without_fallback":
      return _t("When no operator is available, nothing follows this forward step.");
    case "shadowed_step":
      return _t("Another step with the same conditions always comes first.");
    case "first_step_operator":
    case "first_step_invalid":
      return _t("At least one interaction (Question, Email, ...) is needed before the Bot can perform more complex actions.");
    default:
      return "";
  }
}

export interface AnalysisPanelProps {
  script: ChatbotScript;
  onOpenStep: (stepId: number) => void;
}

export class AnalysisPanel extends Component<AnalysisPanelProps, AdminEnv> {
  static override props = ["script", "onOpenStep"];
  static override template = xml`
    <section class="o_analysis_panel" aria-labelledby="o_analysis_title" t-att-aria-busy="state.stale ? 'true' : 'false'">
      <h2 id="o_analysis_title" class="o_panel_title">Analysis</h2>
      <t t-set="result" t-value="analysis"/>
      <p t-if="!props.script.script_step_ids.length" class="o_muted">Add steps to see how visitors can go through the script.</p>
      <p t-elif="!result.findings.length" class="o_analysis_ok" role="status">No problem found.</p>
      <ul t-else="" class="o_findings">
        <li t-foreach="result.findings" t-as="finding" t-key="finding_index" t-attf-class="o_finding o_finding_{{finding.kind}}" t-att-data-kind="finding.kind">
          <button type="button" class="o_finding_link" t-on-click="() => this.open(finding)">
            <strong class="o_finding_title" t-esc="title(finding)"/>
            <span class="o_finding_steps" t-esc="stepNames(finding)"/>
            <span t-if="finding.answer_ids.length" class="o_finding_answers" t-esc="answerNames(finding)"/>
            <span class="o_finding_advice" t-esc="advice(finding)"/>
          </button>
        </li>
      </ul>
      <p t-if="result.partial" class="o_muted">The script is large: the analysis stopped early, so some problems may not be listed.</p>
    </section>`;

  state = useState({ result: markRaw(analyzeScript(this.props.script)), stale: false });
  private analysed: ChatbotScript = this.props.script;
  private timer: ReturnType<typeof setTimeout> | undefined;

  override setup() {
    // An edit shows on screen first; the analysis follows right after, off the critical frame.
    onWillUpdateProps((next: AnalysisPanelProps) => {
      if (next.script !== this.analysed) this.schedule(next.script);
    });
    onWillUnmount(() => clearTimeout(this.timer));
  }

  private schedule(script: ChatbotScript) {
    clearTimeout(this.timer);
    this.state.stale = true;
    this.timer = setTimeout(() => {
      this.analysed = script;
      this.state.result = markRaw(analyzeScript(script));
      this.state.stale = false;
    }, 0);
  }

  get analysis() {
    return this.state.result;
  }
  title(finding: Finding) {
    return findingTitle(finding.kind);
  }
  advice(finding: Finding) {
    return this.env.session.lang.startsWith("en") ? finding.message : findingAdvice(finding.kind);
  }
  stepNames(finding: Finding) {
    const steps = this.props.script.script_step_ids;
    return finding.step_ids
      .map((id) => {
        const index = steps.findIndex((s) => s.id === id);
        const step = steps[index];
        return step ? `${index + 1}. ${step.message || this.env._t("(no message)")}` : "";
      })
      .filter(Boolean)
      .join(" · ");
  }
  answerNames(finding: Finding) {
    const names = new Map(this.props.script.script_step_ids.flatMap((s) => s.answer_ids.map((a) => [a.id, a.name] as const)));
    return finding.answer_ids.map((id) => `“${names.get(id) ?? id}”`).join(", ");
  }
  open(finding: Finding) {
    if (finding.step_ids.length) this.props.onOpenStep(finding.step_ids[0]!);
  }
}
