// A stack of modal dialogs rendered by the app root, and the confirmation dialog.
import { Component, reactive, xml, onMounted, onWillUnmount, useRef } from "@odoo/owl";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyComponent = new (...args: any[]) => Component<any, any>;

export interface OpenDialog {
  id: number;
  Component: AnyComponent;
  props: Record<string, unknown>;
}

export class DialogService {
  readonly stack: OpenDialog[] = reactive([]);
  private nextId = 1;

  /** Opens `Comp`; it receives `close()` as a prop. Resolves when it closes. */
  open<P extends object>(Comp: AnyComponent, props: P): Promise<void> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      const close = () => {
        const index = this.stack.findIndex((d) => d.id === id);
        if (index >= 0) this.stack.splice(index, 1);
        resolve();
      };
      this.stack.push({ id, Component: Comp, props: { ...props, close } });
    });
  }

  /** Closes every open dialog (their `open()` promises resolve), e.g. when the route changes. */
  closeAll(): void {
    for (const dialog of [...this.stack].reverse()) (dialog.props.close as () => void)();
  }

  /** Asks a yes/no question; resolves true for the confirming button. */
  confirm(body: string, options: { title?: string; confirmLabel?: string; cancelLabel?: string } = {}): Promise<boolean> {
    let answer = false;
    return this.open(ConfirmDialog, {
      title: options.title ?? "",
      body,
      confirmLabel: options.confirmLabel ?? "",
      cancelLabel: options.cancelLabel ?? "",
      onConfirm: () => (answer = true),
    }).then(() => answer);
  }
}

/** The frame of every dialog: title, body slot, footer slot; Escape closes. */
export class Dialog extends Component<{ title: string; close: () => void; size?: string; slots?: unknown }> {
  static override props = { title: String, close: Function, size: { type: String, optional: true }, slots: { type: Object, optional: true } };
  static override template = xml`
    <div class="o_dialog_backdrop" t-on-keydown="onKeydown">
      <div t-attf-class="o_dialog o_dialog_{{props.size or 'md'}}" role="dialog" aria-modal="true" t-att-aria-label="props.title" t-ref="dialog" tabindex="-1">
        <header class="o_dialog_header">
          <h2 class="o_dialog_title" t-esc="props.title"/>
          <button type="button" class="o_dialog_close" aria-label="Close" t-on-click="props.close">×</button>
        </header>
        <div class="o_dialog_body"><t t-slot="default"/></div>
        <footer class="o_dialog_footer"><t t-slot="footer"/></footer>
      </div>
    </div>`;
  dialog = useRef("dialog");
  override setup() {
    // Focus moves into the dialog and comes back where it was when the dialog closes.
    const opener = document.activeElement as HTMLElement | null;
    onMounted(() => {
      const first = this.dialog.el?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea, button:not(.o_dialog_close)");
      (first ?? this.dialog.el)?.focus();
    });
    onWillUnmount(() => {
      if (opener?.isConnected) opener.focus();
    });
  }
  onKeydown(ev: KeyboardEvent) {
    if (ev.key === "Escape") this.props.close();
    else if (ev.key === "Tab") this.keepFocusInside(ev);
  }
  /** Tab and Shift+Tab cycle within the dialog (it is modal). */
  private keepFocusInside(ev: KeyboardEvent) {
    const focusable = Array.from(
      this.dialog.el?.querySelectorAll<HTMLElement>("button:not([disabled]):not([hidden]), input:not([disabled]):not([type=hidden]):not([tabindex='-1']), select, textarea, [tabindex='0']") ?? [],
    ).filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (!focusable.length) return;
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (ev.shiftKey && document.activeElement === first) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && document.activeElement === last) {
      ev.preventDefault();
      first.focus();
    }
  }
}

interface ConfirmProps {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  close: () => void;
}

export class ConfirmDialog extends Component<ConfirmProps> {
  static components = { Dialog };
  static override props = ["title", "body", "confirmLabel", "cancelLabel", "onConfirm", "close"];
  static override template = xml`
    <Dialog title="props.title or defaultTitle" close="props.close" size="'sm'">
      <p class="o_confirm_body" t-esc="props.body"/>
      <t t-set-slot="footer">
        <button type="button" class="btn btn-primary" t-on-click="confirm"><t t-if="props.confirmLabel" t-esc="props.confirmLabel"/><t t-else="">Ok</t></button>
        <button type="button" class="btn btn-secondary" t-on-click="props.close"><t t-if="props.cancelLabel" t-esc="props.cancelLabel"/><t t-else="">Cancel</t></button>
      </t>
    </Dialog>`;
  get defaultTitle() {
    return this.env._t("Confirmation");
  }
  confirm() {
    this.props.onConfirm();
    this.props.close();
  }
}
