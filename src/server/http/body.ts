// Reads a request body up to a size limit; a larger body is refused before it is buffered.
import type { IncomingMessage } from "node:http";

export class BodyTooLarge extends Error {}

export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > limit) {
      request.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => !failed && resolve(Buffer.concat(chunks)));
    request.on("error", (error) => !failed && reject(error));
  });
}
