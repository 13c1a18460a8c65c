// Slow and broken clients cannot exhaust the server: idle sockets, headers sent a byte at a
// time, half-sent bodies, thousands of long polls, huge bodies, one visitor calling too fast.
// During each abuse a normal call must still be answered quickly, and the limits answer with
// structured errors (429 / 413) or close the socket after the configured time.
import { setMaxListeners } from "node:events";
import { connect, type Socket } from "node:net";
import { BRIDGE_ERRORS, BRIDGE_ROUTES, LIMITS } from "../../src/protocol/bridge.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import type { CheckList } from "./checks.ts";
import { CallFailed, createFreeInputBot, inBatches, post, type Target } from "./harness.ts";

const HEADERS_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 3_000;
const POLLS_PER_TOKEN = 4;
/** A normal call during abuse must answer within this (the machine is shared, so not 10 ms). */
const QUICK_MS = Number(process.env.LOAD_QUICK_MS ?? 1_500);
const SOCKETS = Number(process.env.LOAD_SLOW_SOCKETS ?? 1_000);
const POLL_CONVERSATIONS = Number(process.env.LOAD_POLL_CONVERSATIONS ?? 500);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Median of three real calls: one slow answer on a shared machine is not exhaustion. */
async function normalCall(target: Target): Promise<{ ms: number; problem: string | null }> {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await oneNormalCall(target));
  const failed = runs.find((r) => r.problem?.includes("failed") || r.problem?.includes("available"));
  return failed ?? runs.sort((a, b) => a.ms - b.ms)[1]!;
}

/** Time of one real call (init reads rules and the chatbot from the database). */
async function oneNormalCall(target: Target): Promise<{ ms: number; problem: string | null }> {
  const started = performance.now();
  try {
    const init = await post<{ available?: boolean }>(target, BRIDGE_ROUTES.init, { channel_id: 1, url: `${target.baseUrl}/contactus` }, 10_000);
    const ms = performance.now() - started;
    return { ms, problem: init.available === true ? (ms <= QUICK_MS ? null : `a normal call took ${ms.toFixed(0)} ms (limit ${QUICK_MS} ms)`) : "init did not answer available" };
  } catch (error) {
    return { ms: performance.now() - started, problem: `a normal call failed: ${String(error)}` };
  }
}

interface RawSocket {
  socket: Socket;
  closed: boolean;
}

function openRaw(target: Target, first: string): Promise<RawSocket> {
  const url = new URL(target.baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const raw: RawSocket = { socket, closed: false };
    socket.on("error", () => undefined);
    socket.on("close", () => (raw.closed = true));
    socket.on("data", () => undefined);
    socket.once("connect", () => {
      if (first) socket.write(first);
      resolve(raw);
    });
  });
}

async function waitClosed(sockets: RawSocket[], withinMs: number): Promise<number> {
  const until = Date.now() + withinMs;
  while (Date.now() < until && sockets.some((s) => !s.closed)) await sleep(100);
  return sockets.filter((s) => !s.closed).length;
}

async function socketAbuse(checks: CheckList, target: Target): Promise<void> {
  const host = new URL(target.baseUrl).host;
  // Idle: connected, nothing sent. Slow headers: one byte every 500 ms, never finished.
  const idle = await Promise.all(Array.from({ length: SOCKETS }, () => openRaw(target, "")));
  const trickle = await Promise.all(Array.from({ length: SOCKETS / 4 }, () => openRaw(target, "P")));
  const trickleTimer = setInterval(() => trickle.forEach((s) => !s.closed && s.socket.write("O")), 500);
  // Half-sent body: headers complete, a tenth of the declared body, then silence.
  const head = `POST ${BRIDGE_ROUTES.history} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"jsonrpc":"2.0","method":"call","params":{"token":"`;
  const halfBodies = await Promise.all(Array.from({ length: SOCKETS }, () => openRaw(target, head + "x".repeat(1000))));
  try {
    const during = await normalCall(target);
    checks.check(`${SOCKETS} idle sockets, ${SOCKETS / 4} slow-header sockets and ${SOCKETS} half-sent bodies: a normal call still answers quickly (${during.ms.toFixed(0)} ms)`, during.problem);
    const idleLeft = await waitClosed([...idle, ...trickle], HEADERS_TIMEOUT_MS + 4_000);
    checks.check(`idle and slow-header sockets are closed after the header timeout (${HEADERS_TIMEOUT_MS} ms)`, idleLeft ? `${idleLeft} socket(s) still open` : null);
    const bodyLeft = await waitClosed(halfBodies, REQUEST_TIMEOUT_MS + 4_000);
    checks.check(`half-sent bodies are cut after the request timeout (${REQUEST_TIMEOUT_MS} ms)`, bodyLeft ? `${bodyLeft} socket(s) still open` : null);
  } finally {
    clearInterval(trickleTimer);
    for (const s of [...idle, ...trickle, ...halfBodies]) s.socket.destroy();
  }
}

async function pollAbuse(checks: CheckList, target: Target): Promise<void> {
  const bot = await createFreeInputBot(target.baseUrl, 3, `Poll Bot ${Date.now().toString(36)}`);
  const tokens: string[] = [];
  const lastIds = new Map<string, number>();
  await inBatches(Array.from({ length: POLL_CONVERSATIONS }, (_, i) => i), 25, async (i) => {
    const view = await post<{ token: string; messages: { id: number }[] }>(target, BRIDGE_ROUTES.open, { channel_id: 1, url: bot.url, script_id: bot.scriptId, client_open_id: `poll-${i}` });
    tokens.push(view.token);
    lastIds.set(view.token, Math.max(...view.messages.map((m) => m.id)));
  });
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // one listener per poll, thousands on purpose
  const polls: Promise<unknown>[] = [];
  const poll = (token: string) =>
    fetch(target.baseUrl + BRIDGE_ROUTES.poll, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: { token, after_id: lastIds.get(token) ?? 0, timeout: 30 }, id: 1 }),
      signal: stop.signal,
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { result?: { messages: { body: string }[] }; error?: { data?: { name?: string; message?: string; debug?: unknown } } } }));
  try {
    for (const token of tokens) for (let i = 0; i < POLLS_PER_TOKEN; i++) polls.push(poll(token).catch(() => undefined));
    await sleep(5_000); // let them all arrive and park
    const during = await normalCall(target);
    checks.check(`${polls.length} open long polls: a normal call still answers quickly (${during.ms.toFixed(0)} ms)`, during.problem);

    const extra = await poll(tokens[0]!);
    const error = extra.body.error?.data;
    checks.check(
      `a poll beyond ${POLLS_PER_TOKEN} open per token is refused with HTTP 429 and "${BRIDGE_ERRORS.tooManyRequests}"`,
      extra.status === 429 && error?.name === "odoo.exceptions.UserError" && error.message === BRIDGE_ERRORS.tooManyRequests && !error.debug ? null : `got HTTP ${extra.status} ${JSON.stringify(extra.body)}`,
    );

    // The waiting polls still work: a reply wakes the polls of that conversation at once.
    const started = performance.now();
    await post(target, BRIDGE_ROUTES.reply, { token: tokens[1], client_msg_id: "wake", text: "wake up" });
    // polls[POLLS_PER_TOKEN] is the first poll of tokens[1].
    const first = await Promise.race([polls[POLLS_PER_TOKEN], sleep(5_000).then(() => "timeout")]);
    const ms = performance.now() - started;
    const messages = (first as { body?: { result?: { messages: { body: string }[] } } } | undefined)?.body?.result?.messages;
    checks.check(`among ${polls.length} waiting polls, a new message wakes its conversation's polls (${ms.toFixed(0)} ms)`, first !== "timeout" && messages?.some((m) => m.body === "wake up") ? null : `got ${JSON.stringify(first)}`);
  } finally {
    stop.abort();
    await Promise.allSettled(polls);
  }
}

async function bodyLimits(checks: CheckList, target: Target): Promise<void> {
  const big = "x".repeat(LIMITS.bodyMaxBytes + 1);
  const declared = await fetch(target.baseUrl + BRIDGE_ROUTES.history, { method: "POST", headers: { "content-type": "application/json" }, body: big });
  const declaredBody = (await declared.json()) as { error?: { code?: number } };
  checks.check("a body over 1 MB is refused with HTTP 413 and a JSON-RPC error", declared.status === 413 && declaredBody.error?.code === 413 ? null : `got HTTP ${declared.status} ${JSON.stringify(declaredBody)}`);

  // Chunked, no Content-Length: refused once the limit is crossed, not after buffering it all.
  const chunks = new ReadableStream<Uint8Array>({
    start(controller) {
      const piece = new TextEncoder().encode("y".repeat(64 * 1024));
      for (let sent = 0; sent <= LIMITS.bodyMaxBytes * 2; sent += piece.length) controller.enqueue(piece);
      controller.close();
    },
  });
  let streamed: { status: number; code?: number } | string;
  try {
    const response = await fetch(target.baseUrl + BRIDGE_ROUTES.history, { method: "POST", headers: { "content-type": "application/json" }, body: chunks, duplex: "half" } as RequestInit);
    streamed = { status: response.status, code: ((await response.json()) as { error?: { code?: number } }).error?.code };
  } catch (error) {
    streamed = `connection closed: ${String(error)}`;
  }
  checks.check(
    "a chunked body over 1 MB is refused with HTTP 413 (or the connection is cut)",
    typeof streamed === "string" || (streamed.status === 413 && streamed.code === 413) ? null : `got ${JSON.stringify(streamed)}`,
  );
  const after = await normalCall(target);
  checks.check("after huge bodies the server answers normal calls", after.problem);
}

async function rateLimit(checks: CheckList, target: Target): Promise<void> {
  const bot = await createFreeInputBot(target.baseUrl, 3, `Rate Bot ${Date.now().toString(36)}`);
  const open = () => post<{ token: string }>(target, BRIDGE_ROUTES.open, { channel_id: 1, url: bot.url, script_id: bot.scriptId });
  const [fast, calm] = [await open(), await open()];
  const results = await Promise.all(
    Array.from({ length: 60 }, () =>
      post(target, BRIDGE_ROUTES.history, { token: fast.token }).then(
        () => "ok",
        (error: unknown) => (error instanceof CallFailed ? `${error.status} ${error.errorName} ${error.message}` : String(error)),
      ),
    ),
  );
  const limited = results.filter((r) => r === `429 odoo.exceptions.UserError ${BRIDGE_ERRORS.tooManyRequests}`).length;
  const other = results.filter((r) => r !== "ok" && !r.startsWith("429 ")).length;
  checks.check(
    `one visitor calling too fast gets HTTP 429 "${BRIDGE_ERRORS.tooManyRequests}" (${limited} of 60 refused)`,
    limited > 0 && results.includes("ok") && !other ? null : `results: ${JSON.stringify([...new Set(results)])}`,
  );
  let calmProblem: string | null = null;
  try {
    await post(target, BRIDGE_ROUTES.history, { token: calm.token });
  } catch (error) {
    calmProblem = `another visitor was refused too: ${String(error)}`;
  }
  checks.check("the limit is per visitor: another visitor is still answered", calmProblem);
}

export async function slowClientChecks(checks: CheckList, baseEnv: Record<string, string>): Promise<void> {
  let server: RunningServer | null = null;
  try {
    server = await startServer({
      env: {
        ...baseEnv,
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        BRIDGE_MAX_POLLS_PER_TOKEN: String(POLLS_PER_TOKEN),
        // Per visitor: a burst of 20 calls, then 2 per second (opening is limited per address at 5×).
        BRIDGE_RATE_LIMIT: "20/2",
      },
    });
    const target: Target = { baseUrl: server.baseUrl };
    const baseline = await normalCall(target);
    console.log(`# normal call before abuse: ${baseline.ms.toFixed(0)} ms`);
    await socketAbuse(checks, target);
    await bodyLimits(checks, target);
    await rateLimit(checks, target);
    await server.stop();
    // Polls need many conversations from one address: the per-address open limit is lifted.
    server = await startServer({ env: { ...baseEnv, BRIDGE_RATE_LIMIT: "off", BRIDGE_MAX_POLLS_PER_TOKEN: String(POLLS_PER_TOKEN) } });
    await pollAbuse(checks, { baseUrl: server.baseUrl });
  } catch (error) {
    checks.check("slow and broken clients: ran to the end", error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await server?.stop();
  }
}
