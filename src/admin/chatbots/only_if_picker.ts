// The "Only If" field: tags of chosen answers and a filtered list of the allowed ones, usable
// with the keyboard (a combobox with a listbox, arrows + Enter, Backspace removes the last tag).
import { Component, useState, xml } from "@odoo/owl";
import type { OnlyIfCandidate } from "./only_if.ts";

export interface OnlyIfPickerProps {
  inputId: string;
  candidates: OnlyIfCandidate[];
  selectedIds: number[];
  /** Labels of every answer of the script, for stored conditions that are no longer allowed. */
  labels: Record<number, string>;
  onChange: (ids: number[]) => void;
}

export class OnlyIfPicker extends Component<OnlyIfPickerProps> {
  static override props = { inputId: String, candidates: Array, selectedIds: Array, labels: Object, onChange: Function };
  static override template = xml`
    <div class="o_only_if_picker">
      <ul class="o_tags" t-if="props.selectedIds.length" aria-label="Selected answers">
        <li t-foreach="props.selectedIds" t-as="id" t-key="id" t-attf-class="o_tag {{isAllowed(id) ? '' : 'o_tag_invalid'}}">
          <span class="o_tag_label" t-esc="labelOf(id)"/>
          <button type="button" class="o_tag_remove" t-att-aria-label="removeLabel(id)" t-on-click="() => this.remove(id)">×</button>
        </li>
      </ul>
      <div class="o_combobox">
        <input type="text" class="o_input" autocomplete="off" role="combobox" aria-autocomplete="list"
               t-att-id="props.inputId" t-att-aria-expanded="state.open ? 'true' : 'false'" t-att-aria-controls="listId"
               t-att-aria-activedescendant="state.open and filtered[state.active] ? optionId(filtered[state.active].id) : undefined"
               t-att-value="state.query" t-on-input="onInput" t-on-focus="open" t-on-blur="onBlur" t-on-keydown="onKeydown"/>
        <ul t-if="state.open" class="o_dropdown" role="listbox" t-att-id="listId">
          <li t-foreach="filtered" t-as="c" t-key="c.id" role="option" t-att-id="optionId(c.id)"
              t-att-aria-selected="c_index === state.active ? 'true' : 'false'"
              t-attf-class="o_option {{c_index === state.active ? 'o_option_active' : ''}}"
              t-on-mousedown.prevent="() => this.add(c.id)" t-esc="c.label"/>
          <li t-if="!filtered.length" class="o_option o_option_empty" role="option" aria-disabled="true" aria-selected="false">No records</li>
        </ul>
      </div>
    </div>`;

  state = useState({ query: "", open: false, active: 0 });

  get listId() {
    return `${this.props.inputId}_list`;
  }
  optionId(id: number) {
    return `${this.props.inputId}_option_${id}`;
  }
  get filtered(): OnlyIfCandidate[] {
    const query = this.state.query.trim().toLowerCase();
    const chosen = new Set(this.props.selectedIds);
    return this.props.candidates.filter((c) => !chosen.has(c.id) && (!query || c.label.toLowerCase().includes(query)));
  }
  isAllowed(id: number) {
    return this.props.candidates.some((c) => c.id === id);
  }
  labelOf(id: number) {
    return this.props.labels[id] ?? this.props.candidates.find((c) => c.id === id)?.label ?? String(id);
  }
  removeLabel(id: number) {
    return this.env._t ? this.env._t("Remove %s", this.labelOf(id)) : `Remove ${this.labelOf(id)}`;
  }
  open() {
    this.state.open = true;
    this.state.active = 0;
  }
  onBlur() {
    this.state.open = false;
  }
  onInput(ev: InputEvent) {
    this.state.query = (ev.target as HTMLInputElement).value;
    this.state.open = true;
    this.state.active = 0;
  }
  onKeydown(ev: KeyboardEvent) {
    const list = this.filtered;
    if (ev.key === "ArrowDown") {
      this.state.open = true;
      this.state.active = Math.min(this.state.active + 1, Math.max(list.length - 1, 0));
    } else if (ev.key === "ArrowUp") {
      this.state.active = Math.max(this.state.active - 1, 0);
    } else if (ev.key === "Enter") {
      const choice = list[this.state.active];
      if (this.state.open && choice) this.add(choice.id);
    } else if (ev.key === "Escape" && this.state.open) {
      this.state.open = false;
    } else if (ev.key === "Backspace" && !this.state.query && this.props.selectedIds.length) {
      this.remove(this.props.selectedIds[this.props.selectedIds.length - 1]!);
      return;
    } else return;
    ev.preventDefault();
    ev.stopPropagation();
  }
  add(id: number) {
    this.state.query = "";
    this.state.active = 0;
    this.props.onChange([...this.props.selectedIds, id]);
  }
  remove(id: number) {
    this.props.onChange(this.props.selectedIds.filter((x) => x !== id));
  }
}
