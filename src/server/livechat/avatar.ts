// The bot's picture for the widget: the script's image when it has one, else a plain default.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestContext } from "../http/context.ts";
import type { LivechatRuntime } from "./runtime.ts";

const DEFAULT_AVATAR = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="#71639e"/><rect x="16" y="20" width="32" height="26" rx="8" fill="#fff"/><circle cx="26" cy="33" r="4" fill="#71639e"/><circle cx="38" cy="33" r="4" fill="#71639e"/><rect x="30" y="10" width="4" height="10" fill="#fff"/></svg>`;

function imageType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "image/jpeg";
  if (bytes.subarray(0, 4).toString("ascii") === "GIF8") return "image/gif";
  if (bytes.subarray(0, 4).toString("ascii") === "RIFF" && bytes.subarray(8, 12).toString("ascii") === "WEBP") return "image/webp";
  return null; // SVG and anything else is not served from user data (it could carry script)
}

export async function serveAvatar(runtime: LivechatRuntime, request: IncomingMessage, response: ServerResponse, _ctx: RequestContext): Promise<void> {
  const id = Number(new URL(request.url ?? "/", "http://localhost").pathname.split("/").pop());
  let body: Buffer = Buffer.from(DEFAULT_AVATAR);
  let type = "image/svg+xml";
  if (Number.isInteger(id) && id > 0) {
    const scripts = runtime.env().model("chatbot.script").withActive(false);
    if ("image_1920" in scripts.definition.fields && (await scripts.exists([id])).length) {
      const [row] = await scripts.read([id], ["image_1920"]);
      const data = typeof row?.image_1920 === "string" ? Buffer.from(row.image_1920, "base64") : null;
      const detected = data && imageType(data);
      if (data && detected) {
        body = data;
        type = detected;
      }
    }
  }
  response.writeHead(200, {
    "Content-Type": type,
    "Content-Length": body.length,
    "Cache-Control": "public, max-age=3600",
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
  });
  response.end(request.method === "HEAD" ? undefined : body);
}
