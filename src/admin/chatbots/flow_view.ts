// The Flow view (beyond Odoo): steps as nodes, the ways from one step to the next as edges
// (labelled with the answer chosen), laid out by dagre and drawn as SVG. Dead ends and
// unreachable steps are marked; clicking a node (or Enter on it) opens the step.
import { Component, xml } from "@odoo/owl";
import { Graph, layout } from "@dagrejs/dagre";
import type { ChatbotScript } from "../../engine/types.ts";
import type { AdminEnv } from "../env.ts";
import { flowGraph, type FlowGraph } from "./flow_graph.ts";
import { stepTypeLabel } from "./step_types.ts";
import { _t } from "../i18n/translate.ts";

const NODE_WIDTH = 190;
const NODE_HEIGHT = 54;

interface PlacedNode {
  id: number;
  isStep: boolean;
  x: number;
  y: number;
  title: string;
  message: string;
  marks: string[];
  cls: string;
  label: string;
}
interface PlacedEdge {
  key: string;
  path: string;
  label: string;
  labelX: number;
  labelY: number;
}
interface Layout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

export function layoutFlow(graph: FlowGraph, describe: (type: string) => string, markLabel: (mark: string) => string): Layout {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 24, ranksep: 48, edgesep: 12, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(String(node.id), { width: NODE_WIDTH, height: NODE_HEIGHT });
  graph.edges.forEach((edge, index) => {
    g.setEdge(String(edge.from), String(edge.to), { label: edge.label, width: edge.label ? Math.min(edge.label.length * 6.5, 140) : 0, height: edge.label ? 14 : 0, labelpos: "c" }, `e${index}`);
  });
  layout(g);
  const nodes: PlacedNode[] = graph.nodes.map((node) => {
    const placed = g.node(String(node.id));
    const marks = node.marks.map(markLabel);
    const title = node.kind === "step" ? `${node.position}. ${describe(node.type!)}` : node.kind === "end" ? _t("End of the conversation") : _t("An operator takes over");
    const message = shorten(node.message, 28);
    // The accessible name starts with the visible text, then says what the drawing shows.
    const label = [`${title} ${message}`.trim(), message !== node.message ? node.message : "", ...marks].filter(Boolean).join(", ");
    return {
      id: node.id,
      isStep: node.kind === "step",
      x: placed.x - NODE_WIDTH / 2,
      y: placed.y - NODE_HEIGHT / 2,
      title,
      message,
      marks,
      cls: ["o_flow_node", `o_flow_${node.kind}`, ...node.marks.map((m) => `o_flow_${m}`)].join(" "),
      label,
    };
  });
  const edges: PlacedEdge[] = graph.edges.map((edge, index) => {
    const placed = g.edge(String(edge.from), String(edge.to), `e${index}`) as { points: { x: number; y: number }[]; x?: number; y?: number };
    const points = placed.points ?? [];
    return {
      key: `e${index}`,
      path: points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" "),
      label: shorten(edge.label, 22),
      labelX: placed.x ?? 0,
      labelY: placed.y ?? 0,
    };
  });
  const info = g.graph() as { width?: number; height?: number };
  return { width: Math.max(info.width ?? 0, 200), height: Math.max(info.height ?? 0, 80), nodes, edges };
}

export class FlowView extends Component<{ script: ChatbotScript; onOpenStep: (id: number) => void }, AdminEnv> {
  static override props = ["script", "onOpenStep"];
  static override template = xml`
    <div class="o_flow_view">
      <p t-if="!props.script.script_step_ids.length" class="o_muted">Add steps to see the flow.</p>
      <t t-else="">
        <t t-set="flow" t-value="computed"/>
        <p t-if="flow.graph.capped" class="o_muted">The script has too many paths to draw them all; the drawing is incomplete.</p>
        <ul class="o_flow_legend">
          <li><span class="o_flow_swatch o_flow_dead_end"/>Dead end</li>
          <li><span class="o_flow_swatch o_flow_unreachable"/>Unreachable step</li>
        </ul>
        <div class="o_flow_canvas">
          <svg t-att-width="flow.layout.width" t-att-height="flow.layout.height" t-att-viewBox="'0 0 ' + flow.layout.width + ' ' + flow.layout.height" role="group" aria-label="Script flow">
            <defs>
              <marker id="o_flow_arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="o_flow_arrowhead"/></marker>
            </defs>
            <g t-foreach="flow.layout.edges" t-as="edge" t-key="edge.key" class="o_flow_edge">
              <path t-att-d="edge.path" marker-end="url(#o_flow_arrow)"/>
              <text t-if="edge.label" t-att-x="edge.labelX" t-att-y="edge.labelY + 4" text-anchor="middle" class="o_flow_edge_label" t-esc="edge.label"/>
            </g>
            <g t-foreach="flow.layout.nodes" t-as="node" t-key="node.id" t-att-class="node.cls" t-att-data-step-id="node.isStep ? node.id : undefined"
               t-att-transform="'translate(' + node.x + ',' + node.y + ')'" t-att-role="node.isStep ? 'button' : 'img'" t-att-tabindex="node.isStep ? '0' : undefined" t-att-aria-label="node.label"
               t-on-click="() => node.isStep and props.onOpenStep(node.id)" t-on-keydown="(ev) => node.isStep and this.onKey(ev, node.id)">
              <rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6"/>
              <text><tspan x="10" y="20" class="o_flow_node_title" t-esc="node.title"/> <tspan x="10" y="40" class="o_flow_node_message" t-esc="node.message"/></text>
            </g>
          </svg>
        </div>
      </t>
    </div>`;

  private memo: { script: ChatbotScript; value: { graph: FlowGraph; layout: Layout } } | null = null;

  get computed() {
    if (this.memo?.script !== this.props.script) this.memo = { script: this.props.script, value: this.compute() };
    return this.memo.value;
  }
  private compute() {
    const graph = flowGraph(this.props.script);
    const _t = this.env._t;
    const layoutResult = layoutFlow(
      graph,
      (type) => stepTypeLabel(type as never),
      (mark) => (mark === "dead_end" ? _t("Dead end") : _t("Unreachable step")),
    );
    return { graph, layout: layoutResult };
  }
  onKey(ev: KeyboardEvent, id: number) {
    if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      this.props.onOpenStep(id);
    }
  }
}
