// The bot's image (image_1920, base64 without a data: prefix, as Odoo stores it): preview,
// "Edit image" to upload, remove.
import { Component, useRef, xml } from "@odoo/owl";
import type { AdminEnv } from "../env.ts";
import { BOT_ICON } from "../core/icons.ts";

/** Odoo sniffs the type from the first base64 characters; so do we. */
export function imageMime(base64: string): string {
  if (base64.startsWith("iVBOR")) return "image/png";
  if (base64.startsWith("/9j/")) return "image/jpeg";
  if (base64.startsWith("R0lG")) return "image/gif";
  if (base64.startsWith("UklGR")) return "image/webp";
  if (base64.startsWith("PHN2") || base64.startsWith("PD94")) return "image/svg+xml";
  return "image/png";
}

export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export class ImageField extends Component<{ image: string | false; onChange: (image: string | false) => void }, AdminEnv> {
  static override props = ["image", "onChange"];
  static override template = xml`
    <div class="o_image_field">
      <img t-if="props.image" class="o_image_preview" t-att-src="src" alt="Chatbot image"/>
      <div t-else="" class="o_image_placeholder">${BOT_ICON}</div>
      <div class="o_image_controls">
        <button type="button" class="btn btn-link o_edit_image" t-on-click="pick">Edit image</button>
        <button t-if="props.image" type="button" class="btn btn-link o_clear_image" t-on-click="() => props.onChange(false)">Remove</button>
      </div>
      <input type="file" accept="image/*" class="o_hidden_input" t-ref="file" t-on-change="onFile" aria-label="Edit image" tabindex="-1"/>
    </div>`;

  file = useRef<HTMLInputElement>("file");

  get src() {
    return this.props.image ? `data:${imageMime(this.props.image)};base64,${this.props.image}` : "";
  }
  pick() {
    this.file.el?.click();
  }
  async onFile() {
    const file = this.file.el?.files?.[0];
    if (!file) return;
    if (!file.type.startsWith("image/")) {
      this.env.notifications.add(this.env._t("The selected file is not an image."), { type: "danger" });
      return;
    }
    this.props.onChange(await readFileAsBase64(file));
    this.file.el!.value = "";
  }
}
