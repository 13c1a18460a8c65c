// The coverage panel (beyond Odoo): every conversation the script allows, ticked once a test
// conversation went through it, so QA sees what is still untested.
import { Component, xml } from "@odoo/owl";
import type { ScriptPath } from "../../engine/index.ts";
import type { ChatbotScript } from "../../engine/types.ts";
import type { AdminEnv } from "../env.ts";
import { coverage } from "./coverage.ts";
import type { ExercisedRun } from "./test_conversation.ts";

export class CoveragePanel extends Component<{ script: ChatbotScript; runs: ExercisedRun[] }, AdminEnv> {
  static override props = ["script", "runs"];
  static override template = xml`
    <section class="o_coverage_panel" aria-labelledby="o_coverage_title">
      <h2 id="o_coverage_title" class="o_panel_title">Coverage</h2>
      <t t-set="result" t-value="computed"/>
      <p class="o_coverage_summary" role="status" t-esc="summary(result)"/>
      <ol class="o_paths">
        <li t-foreach="result.paths" t-as="item" t-key="item_index" t-attf-class="o_path {{item.covered ? 'o_path_done' : ''}}" t-att-data-covered="item.covered ? 'true' : 'false'">
          <span aria-hidden="true" t-esc="item.covered ? '☑' : '☐'"/>
          <span class="o_sr_only" t-esc="item.covered ? tested : untested"/>
          <span class="o_path_text" t-esc="describe(item.path)"/>
        </li>
      </ol>
      <p t-if="result.capped" class="o_muted">Only the first paths are listed: the script has more.</p>
    </section>`;

  get computed() {
    return coverage(this.props.script, this.props.runs);
  }
  get tested() {
    return this.env._t("Tested:");
  }
  get untested() {
    return this.env._t("Not tested yet:");
  }
  summary(result: { paths: { covered: boolean }[] }) {
    const done = result.paths.filter((p) => p.covered).length;
    return this.env._t("%s of %s paths tested", done, result.paths.length);
  }
  describe(path: ScriptPath): string {
    const _t = this.env._t;
    const steps = new Map(this.props.script.script_step_ids.map((s) => [s.id, s]));
    const answers = new Map(this.props.script.script_step_ids.flatMap((s) => s.answer_ids.map((a) => [a.id, a.name] as const)));
    const parts = path.choices.map((choice) => {
      if (choice.kind === "answer") return `“${answers.get(choice.answer_id) ?? choice.answer_id}”`;
      if (choice.kind === "operator") return choice.found ? _t("an operator joins") : _t("no operator");
      const type = steps.get(choice.step_id)?.step_type;
      const what = type === "question_email" ? _t("email") : type === "question_phone" ? _t("phone") : _t("text");
      return choice.valid ? what : _t("invalid %s, then a valid one", what);
    });
    parts.push(path.end === "operator" ? _t("talks with the operator") : _t("end"));
    return parts.join(" → ");
  }
}
