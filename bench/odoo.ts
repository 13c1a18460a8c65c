// Odoo rows of `npm run bench` (only with ODOO_URL): the same Welcome Bot conversation ("I am
// just looking around") against a real Odoo 17.0/18.0 through Odoo's own livechat and chatbot
// routes, call for call as Odoo's own widget makes them (the exchanges recorded in
// ../shared/transcripts), and against the embedded ERP through bridge v1, in the same run on the
// same machine; with the ratios. Env: ODOO_URL, ODOO_CHANNEL_ID (1), BENCH_ODOO_RUNS (15).
import { cpus } from "node:os";
import { BridgeClient } from "../src/rpc/bridge-client.ts";
import { startServer } from "../tests/support/server.ts";
import type { BenchRow } from "./table.ts";

const GROUP = "odoo";
const RUNS = Number(process.env.BENCH_ODOO_RUNS ?? 15);
const WARMUP = 2;
const CHANNEL_ID = Number(process.env.ODOO_CHANNEL_ID ?? 1);
const ANSWER = "I am just looking around";
const REPLY_TEXT = "Please do! If there is anything we can help with, let us know";
const TARGET_SPEEDUP = 20;

interface Timing {
  /** Open (everything before the visitor's first answer) + the answer, ms. */
  conversation: number;
  /** The visitor's answer until the bot's next message is back, ms. */
  reply: number;
}

/** A JSON-RPC caller with a cookie jar, as a browser tab of a visitor. */
function odooVisitor(base: string) {
  const cookies = new Map<string, string>();
  let id = 0;
  return async function call<T = any>(route: string, params: object): Promise<T> {
    const response = await fetch(base + route, {
      method: "POST",
      // Odoo matches the channel rules against the page the visitor is on: its Referer.
      headers: { "content-type": "application/json", referer: `${base}/contactus`, ...(cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {}) },
      body: JSON.stringify({ jsonrpc: "2.0", method: "call", params, id: ++id }),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const at = pair!.indexOf("=");
      cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    const body = (await response.json()) as { result?: T; error?: { data?: { message?: string } } };
    if (body.error) throw new Error(`${route}: ${body.error.data?.message ?? JSON.stringify(body.error)}`);
    return body.result as T;
  };
}

async function odooMajor(base: string): Promise<number> {
  const info = await odooVisitor(base)<{ server_version_info: [number, ...unknown[]] }>("/web/webclient/version_info", {});
  return Number(info.server_version_info[0]);
}

/** One conversation on Odoo 17.0: channels by uuid, welcome steps posted by the client. */
async function odoo17(base: string): Promise<Timing> {
  const call = odooVisitor(base);
  const started = performance.now();
  const init = await call("/im_livechat/init", { channel_id: CHANNEL_ID });
  const chatbot = init.rule?.chatbot;
  const answer = chatbot.welcomeSteps.flatMap((s: { answers: { id: number; label: string }[] }) => s.answers).find((a: { label: string }) => a.label === ANSWER);
  const sessionParams = { channel_id: CHANNEL_ID, anonymous_name: "Visitor", chatbot_script_id: chatbot.scriptId, previous_operator_id: null };
  await call("/im_livechat/get_session", { ...sessionParams, persisted: false });
  const channel = await call("/im_livechat/get_session", { ...sessionParams, persisted: true });
  const welcome = await call<{ id: number }[]>("/chatbot/post_welcome_steps", { channel_uuid: channel.uuid, chatbot_script_id: chatbot.scriptId });
  const replyStarted = performance.now();
  await call("/mail/message/post", {
    thread_model: "discuss.channel",
    thread_id: channel.id,
    post_data: { body: ANSWER, attachment_ids: [], attachment_tokens: [], canned_response_ids: [], message_type: "comment", partner_ids: [], subtype_xmlid: "mail.mt_comment", partner_emails: [], partner_additional_values: {} },
    context: { mail_post_autofollow: false },
  });
  await call("/chatbot/answer/save", { channel_uuid: channel.uuid, message_id: welcome.at(-1)!.id, selected_answer_id: answer.id });
  const next = await call("/chatbot/step/trigger", { channel_uuid: channel.uuid, chatbot_script_id: chatbot.scriptId });
  const ended = performance.now();
  if (!String(next?.chatbot_posted_message?.body ?? "").includes(REPLY_TEXT.slice(0, 20))) throw new Error(`Odoo 17 answered ${JSON.stringify(next).slice(0, 200)}`);
  return { conversation: ended - started, reply: ended - replyStarted };
}

/** One conversation on Odoo 18.0: channels by id, welcome steps posted by the server. */
async function odoo18(base: string): Promise<Timing> {
  const call = odooVisitor(base);
  const started = performance.now();
  const init = await call("/im_livechat/init", { channel_id: CHANNEL_ID });
  const script = init.rule?.chatbotScript;
  const answer = script.welcomeSteps.flatMap((s: { answers: { id: number; name: string }[] }) => s.answers).find((a: { name: string }) => a.name === ANSWER);
  const sessionParams = { channel_id: CHANNEL_ID, anonymous_name: "Visitor", chatbot_script_id: script.id, previous_operator_id: null };
  await call("/im_livechat/get_session", { ...sessionParams, temporary_id: null, persisted: false });
  const store = await call("/im_livechat/get_session", { ...sessionParams, temporary_id: -1, persisted: true });
  const channelId = store["discuss.channel"][0].id as number;
  await call("/discuss/channel/messages", { channel_id: channelId, limit: 30 });
  const replyStarted = performance.now();
  await call("/mail/message/post", {
    thread_model: "discuss.channel",
    thread_id: channelId,
    post_data: { body: ANSWER, email_add_signature: true, message_type: "comment", subtype_xmlid: "mail.mt_comment" },
    context: { lang: "en_US", tz: "UTC", temporary_id: 0.01 },
    selected_answer_id: answer.id,
  });
  const next = await call("/chatbot/step/trigger", { channel_id: channelId, chatbot_script_id: script.id });
  const ended = performance.now();
  if (!JSON.stringify(next ?? null).includes(REPLY_TEXT.slice(0, 20))) throw new Error(`Odoo 18 answered ${JSON.stringify(next).slice(0, 200)}`);
  return { conversation: ended - started, reply: ended - replyStarted };
}

/** The same conversation on the embedded ERP through bridge v1. */
async function embedded(client: BridgeClient, base: string): Promise<Timing> {
  const started = performance.now();
  const init = await client.init({ channel_id: 1, url: `${base}/contactus` });
  const view = await client.open({ channel_id: 1, url: `${base}/contactus`, script_id: init.chatbot!.script_id });
  const answer = view.step!.answers.find((a) => a.name === ANSWER)!;
  const replyStarted = performance.now();
  const next = await client.reply({ token: view.token, client_msg_id: "bench", answer_id: answer.id });
  const ended = performance.now();
  if (!next.messages.some((m) => m.body === REPLY_TEXT)) throw new Error(`the embedded ERP answered ${JSON.stringify(next.messages)}`);
  return { conversation: ended - started, reply: ended - replyStarted };
}

async function repeat(run: () => Promise<Timing>): Promise<{ conversation: number[]; reply: number[] }> {
  for (let i = 0; i < WARMUP; i++) await run();
  const out = { conversation: [] as number[], reply: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    const t = await run();
    out.conversation.push(t.conversation);
    out.reply.push(t.reply);
  }
  return out;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

export async function odooRows(): Promise<BenchRow[]> {
  const base = process.env.ODOO_URL?.replace(/\/$/, "");
  if (!base) {
    console.error("bench/odoo.ts: ODOO_URL is not set, no Odoo rows");
    return [];
  }
  const major = await odooMajor(base);
  if (major !== 17 && major !== 18) throw new Error(`bench/odoo.ts knows the chatbot routes of Odoo 17.0 and 18.0, not ${major}`);
  const label = `Odoo ${major}.0`;
  const odoo = await repeat(() => (major === 17 ? odoo17(base) : odoo18(base)));

  const server = await startServer({ env: { BRIDGE_RATE_LIMIT: "off", LOG_LEVEL: "warn" } });
  let ours: { conversation: number[]; reply: number[] };
  try {
    const client = new BridgeClient({ baseUrl: server.baseUrl });
    ours = await repeat(() => embedded(client, server.baseUrl));
  } finally {
    await server.stop();
  }

  const rows: BenchRow[] = [];
  for (const [what, key] of [["reply (answer → next bot message)", "reply"], ["conversation (init, open, answer)", "conversation"]] as const) {
    const theirs = median(odoo[key]);
    const mine = median(ours[key]);
    rows.push(
      { group: GROUP, name: `Welcome Bot ${what}, ${label}`, value: theirs, unit: "ms", spread: spread(odoo[key]) },
      // ratio: embedded ERP / Odoo (below 1 is faster).
      { group: GROUP, name: `Welcome Bot ${what}, embedded ERP (SQLite)`, value: mine, unit: "ms", spread: spread(ours[key]), ratio: mine / theirs },
      // Target: at least 20 times faster than Odoo on the same machine.
      { group: GROUP, name: `${key} speed-up of the embedded ERP over ${label}`, value: theirs / mine, unit: "×", target: TARGET_SPEEDUP },
    );
  }
  rows.push({ group: GROUP, name: `cores shared by ${label}, the embedded ERP and the client`, value: cpus().length, unit: "cores" });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import("./table.ts");
  printTable(await odooRows());
}
