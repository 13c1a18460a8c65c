// Reads a request body up to a size limit; a larger body is refused without being buffered.
//
// A refused body is still read (and dropped) up to `drainLimit` before the refusal is sent:
// answering while the client is still sending and then closing makes the client's socket see
// a reset before it reads the 413, so it would learn nothing. Past `drainLimit` the connection
// is given up at once (the caller closes it).
import type { IncomingMessage } from "node:http";

export class BodyTooLarge extends Error {
  /** True when the whole body was read, so the connection can be kept for the next request. */
  constructor(readonly drained: boolean) {
    super("request body too large");
  }
}

export function readBody(request: IncomingMessage, limit: number, drainLimit = limit * 8): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > drainLimit) {
      request.resume();
      reject(new BodyTooLarge(false));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
    };
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > drainLimit) {
        settle(() => reject(new BodyTooLarge(false)));
        return;
      }
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else chunks.length = 0;
    });
    request.on("end", () => settle(() => (tooLarge ? reject(new BodyTooLarge(true)) : resolve(Buffer.concat(chunks)))));
    request.on("error", (error) => settle(() => reject(error)));
  });
}
