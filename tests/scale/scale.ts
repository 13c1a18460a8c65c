// Scale-out on PostgreSQL: two server processes on one database. A visitor on process A and
// an operator on process B talk live (LISTEN/NOTIFY carries the push across processes), and
// replies of one conversation that reach both processes at once advance it exactly once.
// Runs only with TEST_DATABASE_URL (a PostgreSQL server URL with CREATEDB rights); otherwise
// it says it is not applicable (reported as skipped, never as passed).
import WebSocket from "ws";
import { BRIDGE_ROUTES, type BridgeView, type PushFrame } from "../../src/protocol/bridge.ts";
import { OdooClient } from "../../src/rpc/odoo-client.ts";
import { JsonRpcTransport } from "../../src/rpc/transport.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { CheckList, firstProblems } from "../load/checks.ts";
import { createFreeInputBot, inBatches, post, type Target } from "../load/harness.ts";

const checks = new CheckList();
const CONVERSATIONS = Number(process.env.SCALE_CONVERSATIONS ?? 40);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Frames of one WebSocket, with a way to wait for one that matches. */
function frames(url: string, headers: Record<string, string> = {}): Promise<{ received: PushFrame[]; waitFor: (match: (f: PushFrame) => boolean, ms?: number) => Promise<PushFrame | null>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    const received: PushFrame[] = [];
    const waiters: (() => void)[] = [];
    socket.on("message", (data) => {
      received.push(JSON.parse(String(data)) as PushFrame);
      waiters.splice(0).forEach((wake) => wake());
    });
    socket.once("error", reject);
    socket.once("open", () =>
      resolve({
        received,
        close: () => socket.terminate(),
        waitFor: async (match, ms = 5_000) => {
          const until = Date.now() + ms;
          while (Date.now() < until) {
            const found = received.find(match);
            if (found) return found;
            await Promise.race([new Promise<void>((wake) => waiters.push(wake)), sleep(100)]);
          }
          return null;
        },
      }),
    );
  });
}

async function operatorOn(server: RunningServer): Promise<{ odoo: OdooClient; cookie: string }> {
  const odoo = new OdooClient(new JsonRpcTransport({ baseUrl: server.baseUrl, cookieJar: true }));
  const [db] = await odoo.listDatabases();
  await odoo.authenticate(db!, "operator", process.env.OPERATOR_PASSWORD ?? "operator");
  return { odoo, cookie: `session_id=${odoo.transport.sessionId}` };
}

async function liveAcrossProcesses(a: RunningServer, b: RunningServer): Promise<void> {
  const operator = await operatorOn(b);
  await operator.odoo.transport.call(BRIDGE_ROUTES.operatorPresence, { online: true });
  const operatorSocket = await frames(`${b.baseUrl.replace(/^http/, "ws")}${BRIDGE_ROUTES.websocket}`, { cookie: operator.cookie });
  try {
    const target: Target = { baseUrl: a.baseUrl };
    const opened = await post<BridgeView>(target, BRIDGE_ROUTES.open, { channel_id: 1, url: `${a.baseUrl}/`, visitor_name: "Scale Visitor" });
    checks.check("process A: a visitor opens a chat with the operator who is online on process B", opened.state === "operator" ? null : `state ${opened.state}: ${JSON.stringify(opened.messages.map((m) => m.body))}`);
    const lastId = Math.max(...opened.messages.map((m) => m.id));
    const visitorSocket = await frames(`${a.baseUrl.replace(/^http/, "ws")}${BRIDGE_ROUTES.websocket}?token=${encodeURIComponent(opened.token)}&after_id=${lastId}`);
    try {
      const text = `hello from A ${Date.now()}`;
      const sentAt = performance.now();
      await post(target, BRIDGE_ROUTES.reply, { token: opened.token, client_msg_id: "scale-1", text });
      const atOperator = await operatorSocket.waitFor((f) => f.view.messages.some((m) => m.body === text));
      checks.check(
        `the visitor's message on A reaches the operator's socket on B live (${(performance.now() - sentAt).toFixed(0)} ms)`,
        atOperator ? null : `no frame on B; frames: ${JSON.stringify(operatorSocket.received).slice(0, 300)}`,
      );
      const conversationId = (atOperator as (PushFrame & { conversation_id?: number }) | null)?.conversation_id;
      const answer = `answer from B ${Date.now()}`;
      const postedAt = performance.now();
      await operator.odoo.transport.call(BRIDGE_ROUTES.operatorPost, { conversation_id: conversationId, client_msg_id: "scale-op-1", text: answer });
      const atVisitor = await visitorSocket.waitFor((f) => f.view.messages.some((m) => m.body === answer && m.author === "operator"));
      checks.check(
        `the operator's answer on B reaches the visitor's socket on A live (${(performance.now() - postedAt).toFixed(0)} ms)`,
        atVisitor ? null : `no frame on A; frames: ${JSON.stringify(visitorSocket.received).slice(0, 300)}`,
      );
    } finally {
      visitorSocket.close();
    }
  } finally {
    operatorSocket.close();
    await operator.odoo.transport.call(BRIDGE_ROUTES.operatorPresence, { online: false }).catch(() => undefined);
  }
}

async function concurrentReplies(a: RunningServer, b: RunningServer): Promise<void> {
  const bot = await createFreeInputBot(a.baseUrl, 4, `Scale Bot ${Date.now().toString(36)}`);
  const onA: Target = { baseUrl: a.baseUrl };
  const onB: Target = { baseUrl: b.baseUrl };
  const tokens: string[] = [];
  await inBatches(Array.from({ length: CONVERSATIONS }, (_, i) => i), 10, async (i) => {
    tokens.push((await post<BridgeView>(i % 2 ? onA : onB, BRIDGE_ROUTES.open, { channel_id: 1, url: bot.url, script_id: bot.scriptId })).token);
  });

  // The same reply (same client_msg_id: a retry through another process) on A and B at once.
  const same: string[] = [];
  await Promise.all(
    tokens.map(async (token) => {
      const params = { token, client_msg_id: "same", text: "only once" };
      const [first, second] = await Promise.all([post<BridgeView>(onA, BRIDGE_ROUTES.reply, params), post<BridgeView>(onB, BRIDGE_ROUTES.reply, params)]);
      if (JSON.stringify(first) !== JSON.stringify(second)) same.push(`${token.slice(0, 6)}: the two answers differ`);
      const history = await post<BridgeView>(onA, BRIDGE_ROUTES.history, { token });
      const bodies = history.messages.map((m) => m.body);
      const expected = [bot.questions[0], "only once", bot.questions[1]];
      if (JSON.stringify(bodies) !== JSON.stringify(expected)) same.push(`${token.slice(0, 6)}: ${JSON.stringify(bodies)}`);
    }),
  );
  checks.check(`${CONVERSATIONS} conversations: one reply arriving on A and B at once advances each exactly once`, firstProblems(same));

  // Two different replies at once: the row lock serializes them, each step takes one.
  const different: string[] = [];
  await Promise.all(
    tokens.map(async (token) => {
      await Promise.all([post(onA, BRIDGE_ROUTES.reply, { token, client_msg_id: "a", text: "from A" }), post(onB, BRIDGE_ROUTES.reply, { token, client_msg_id: "b", text: "from B" })]);
      const bodies = (await post<BridgeView>(onB, BRIDGE_ROUTES.history, { token })).messages.map((m) => m.body);
      const tail = bodies.slice(3);
      const ok = tail.length === 4 && tail[1] === bot.questions[2] && tail[3] === bot.questions[3] && [tail[0], tail[2]].sort().join() === "from A,from B";
      if (!ok) different.push(`${token.slice(0, 6)}: ${JSON.stringify(bodies)}`);
    }),
  );
  checks.check(`${CONVERSATIONS} conversations: two different replies on A and B at once are taken one after the other, none lost`, firstProblems(different));
}

async function main() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    checks.skip("scale-out on PostgreSQL (two processes, one database)", "TEST_DATABASE_URL is not set");
    console.log(checks.summary());
    return;
  }
  const env = { BRIDGE_RATE_LIMIT: "off", LOG_LEVEL: "warn" };
  const a = await startServer({ env, postgresAdminUrl: adminUrl });
  let b: RunningServer | null = null;
  try {
    b = await startServer({ env, databaseUrl: a.databaseUrl });
    await liveAcrossProcesses(a, b).catch((error: unknown) => checks.check("live messages across processes: ran to the end", String(error)));
    await concurrentReplies(a, b).catch((error: unknown) => checks.check("concurrent replies across processes: ran to the end", String(error)));
  } finally {
    await b?.stop();
    await a.stop();
  }
  console.log(checks.summary());
  process.exit(checks.failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  console.log(`${checks.passed} passed, ${checks.failed + 1} failed, ${checks.skipped} skipped`);
  process.exit(1);
});
