// Odoo's breadcrumbs: earlier screens are links, the current one is plain text.
import { Component, xml } from "@odoo/owl";
import type { AdminEnv } from "../env.ts";

export interface Crumb {
  label: string;
  path: string | null;
}

export class Breadcrumbs extends Component<{ items: Crumb[] }, AdminEnv> {
  static override props = ["items"];
  static override template = xml`
    <nav class="o_breadcrumb" aria-label="Breadcrumb">
      <ol>
        <li t-foreach="props.items" t-as="item" t-key="item_index" class="breadcrumb-item">
          <a t-if="item.path" t-att-href="env.router.url(item.path)" t-on-click.prevent="() => env.router.navigate(item.path)" t-esc="item.label"/>
          <h1 t-else="" class="o_breadcrumb_current" aria-current="page" t-esc="item.label"/>
        </li>
      </ol>
    </nav>`;
}
