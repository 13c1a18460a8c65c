// Server rows of `npm run bench`: session/reply latency (median, p99) on SQLite and, with
// BENCH_DATABASE_URL, PostgreSQL; replies per second with 1, 10 and 100 concurrent visitors
// (replies to a free-input chatbot, conversations opened beforehand); memory per open
// conversation. Each database gets a real server on an ephemeral port.
import { readFileSync } from "node:fs";
import { BridgeClient } from "../src/rpc/bridge-client.ts";
import { JsonRpcTransport } from "../src/rpc/transport.ts";
import { OdooClient } from "../src/rpc/odoo-client.ts";
import { BRIDGE_ROUTES } from "../src/protocol/bridge.ts";
import WebSocket from "ws";
import type { BridgeView } from "../src/protocol/bridge.ts";
import { startServer, type RunningServer } from "../tests/support/server.ts";
import { createFreeInputBot, LoadVisitor, type Stats, type Target } from "../tests/load/harness.ts";
import type { BenchRow } from "./table.ts";

const GROUP = "server";
const LATENCY_SAMPLES = Number(process.env.BENCH_REPLY_SAMPLES ?? 300);
const THROUGHPUT_MS = Number(process.env.BENCH_THROUGHPUT_MS ?? 3000);
const MEMORY_CONVERSATIONS = Number(process.env.BENCH_MEMORY_CONVERSATIONS ?? 500);

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

interface Welcome {
  client: BridgeClient;
  scriptId: number;
  channelId: number;
  url: string;
}

async function welcomeBot(server: RunningServer): Promise<Welcome> {
  const client = new BridgeClient({ baseUrl: server.baseUrl });
  const url = `${server.baseUrl}/contactus`;
  const init = await client.init({ channel_id: 1, url });
  if (!init.chatbot) throw new Error("the seeded /contactus rule serves no chatbot");
  return { client, scriptId: init.chatbot.script_id, channelId: 1, url };
}

let counter = 0;
const msgId = () => `bench-${++counter}`;

async function openConversation(w: Welcome): Promise<BridgeView> {
  return w.client.open({ channel_id: w.channelId, url: w.url, script_id: w.scriptId });
}

/** One reply that runs the script to its end ("just looking" → text → end). */
async function replyOnce(w: Welcome, view: BridgeView): Promise<number> {
  const answer = view.step!.answers.find((a) => a.name === "I am just looking around") ?? view.step!.answers[0]!;
  const started = performance.now();
  await w.client.reply({ token: view.token, client_msg_id: msgId(), answer_id: answer.id });
  return performance.now() - started;
}

async function latencyRows(w: Welcome, label: string): Promise<BenchRow[]> {
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) samples.push(await replyOnce(w, await openConversation(w)));
  samples.sort((a, b) => a - b);
  return [
    { group: GROUP, name: `session/reply median (${label})`, value: quantile(samples, 0.5), unit: "ms", spread: quantile(samples, 0.75) - quantile(samples, 0.25) },
    { group: GROUP, name: `session/reply p99 (${label})`, value: quantile(samples, 0.99), unit: "ms" },
  ];
}

/** Steps of the chatbot the throughput rows reply to: each conversation takes that many replies. */
const THROUGHPUT_STEPS = 100;
/** More replies per second than one node serves: enough conversations are opened beforehand. */
const RATE_CEILING = 3000;

async function throughputRow(server: RunningServer, label: string, visitors: number): Promise<BenchRow> {
  // Replies only: conversations of a free-input chatbot are opened before the clock starts.
  const bot = await createFreeInputBot(server.baseUrl, THROUGHPUT_STEPS, `Throughput Bot ${label} ${visitors}`);
  const stats: Stats = { retries: 0, errors: [] };
  const target: Target = { baseUrl: server.baseUrl };
  const far = Date.now() + 600_000;
  const perVisitor = Math.max(2, Math.ceil((RATE_CEILING * THROUGHPUT_MS) / 1000 / visitors / THROUGHPUT_STEPS) + 1);
  const pools = await Promise.all(
    Array.from({ length: visitors }, async (_, v) => {
      const own: LoadVisitor[] = [];
      for (let i = 0; i < perVisitor; i++) {
        const conversation = new LoadVisitor(v * perVisitor + i, target, stats);
        await conversation.open(bot, far);
        own.push(conversation);
      }
      return own;
    }),
  );
  let replies = 0;
  const deadline = performance.now() + THROUGHPUT_MS;
  const started = performance.now();
  await Promise.all(
    pools.map(async (own) => {
      for (const conversation of own) {
        for (let k = 1; k <= THROUGHPUT_STEPS && performance.now() < deadline; k++) {
          await conversation.reply(`reply ${k}`, `t${k}`, far);
          replies++;
        }
        if (performance.now() >= deadline) return;
      }
      throw new Error("every conversation opened beforehand was used up: raise RATE_CEILING");
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (stats.errors.length) throw new Error(stats.errors[0]);
  return { group: GROUP, name: `replies/s, ${visitors} concurrent visitor${visitors > 1 ? "s" : ""} (${label})`, value: replies / seconds, unit: "1/s" };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}

async function memoryRow(w: Welcome, server: RunningServer, label: string): Promise<BenchRow> {
  const pid = server.process.pid!;
  const before = rssOf(pid);
  const open: BridgeView[] = [];
  for (let i = 0; i < MEMORY_CONVERSATIONS; i++) open.push(await openConversation(w));
  const after = rssOf(pid);
  return { group: GROUP, name: `memory per open conversation (${label})`, value: Math.max(0, (after - before) / open.length / 1024), unit: "kB" };
}

const PUSH_SAMPLES = Number(process.env.BENCH_PUSH_SAMPLES ?? 50);

/** Operator message → visitor's WebSocket frame, on loopback. */
async function pushLatencyRow(w: Welcome, server: RunningServer, label: string): Promise<BenchRow> {
  const operator = new OdooClient(new JsonRpcTransport({ baseUrl: server.baseUrl, cookieJar: true }));
  const [db] = await operator.listDatabases();
  await operator.authenticate(db!, "operator", "operator");
  await operator.transport.call(BRIDGE_ROUTES.operatorPresence, { online: true });
  try {
    const view = await w.client.open({ channel_id: w.channelId, url: `${w.url}?chat` });
    const [entry] = await operator.transport.call<{ conversation_id: number }[]>(BRIDGE_ROUTES.operatorInbox, {});
    const init = await w.client.init({ channel_id: w.channelId, url: w.url });
    const socket = new WebSocket(`${init.push.websocket}?token=${view.token}`);
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    const samples: number[] = [];
    for (let i = 0; i < PUSH_SAMPLES; i++) {
      const frame = new Promise<number>((resolve) => socket.once("message", () => resolve(performance.now())));
      const started = performance.now();
      await operator.transport.call(BRIDGE_ROUTES.operatorPost, { conversation_id: entry!.conversation_id, client_msg_id: msgId(), text: `ping ${i}` });
      samples.push((await frame) - started);
    }
    socket.close();
    samples.sort((a, b) => a - b);
    return { group: GROUP, name: `operator → visitor push, WebSocket (${label})`, value: quantile(samples, 0.5), unit: "ms", spread: quantile(samples, 0.75) - quantile(samples, 0.25), target: 100 };
  } finally {
    await operator.transport.call(BRIDGE_ROUTES.operatorPresence, { online: false });
  }
}

async function rowsFor(label: string, server: RunningServer): Promise<BenchRow[]> {
  try {
    const w = await welcomeBot(server);
    const rows = await latencyRows(w, label);
    rows.push(await pushLatencyRow(w, server, label));
    for (const visitors of [1, 10, 100]) rows.push(await throughputRow(server, label, visitors));
    rows.push(await memoryRow(w, server, label));
    return rows;
  } finally {
    await server.stop();
  }
}

export async function serverRows(): Promise<BenchRow[]> {
  const env = { BRIDGE_RATE_LIMIT: "off", LOG_LEVEL: "warn" };
  const rows = await rowsFor("sqlite", await startServer({ env }));
  if (process.env.BENCH_DATABASE_URL) rows.push(...(await rowsFor("postgresql", await startServer({ env, postgresAdminUrl: process.env.BENCH_DATABASE_URL }))));
  return rows;
}
