// The coverage panel (beyond Odoo): every conversation the script allows, ticked once a test
// conversation went through it, so QA sees what is still untested.
import { Component, xml } from "@odoo/owl";
import type { ScriptPath } from "../../engine/index.ts";
import type { ChatbotScript } from "../../engine/types.ts";
import type { AdminEnv } from "../env.ts";
import { coverage, describePath } from "./coverage.ts";
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
    return describePath(this.props.script, path, this.env._t);
  }
}
