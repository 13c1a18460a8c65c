// Reading and writing one conversation: its `discuss.channel` row, its messages and the
// `chatbot.message` links, all through the model layer of the given env.
import type { BridgeMessage, MessageAuthor } from "../../protocol/bridge.ts";
import { DEFAULT_VISITOR_NAME } from "../../protocol/bridge.ts";
import { initialState, type ConversationState } from "../../engine/index.ts";
import { prepared } from "../db/prepared.ts";
import type { Env } from "../orm/env.ts";
import { nowDatetime } from "../orm/values.ts";
import { keptResultQuery, parseKept } from "./idempotency.ts";
import { isWellFormedToken } from "./token.ts";

export interface Conversation {
  id: number;
  token: string;
  scriptId: number | null;
  livechatChannelId: number | null;
  state: ConversationState;
  isTest: boolean;
  visitorName: string;
  countryCode: string | null;
  lang: string | null;
  operatorUserId: number | null;
  operatorName: string | null;
}

// A visitor's every call reads its conversation, so these reads and the message inserts go to
// the tables of the model declarations directly, as queries compiled once (db/prepared.ts);
// creation, restart and close use the models.
const CHANNEL_COLUMNS = [
  "id",
  "bridge_token",
  "chatbot_script_id",
  "livechat_channel_id",
  "bridge_engine_state",
  "bridge_state",
  "bridge_closed",
  "bridge_is_test",
  "bridge_visitor_name",
  "bridge_country_code",
  "bridge_lang",
  "bridge_operator_user_id",
  "bridge_operator_name",
] as const;

const idOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const truthy = (value: unknown) => value === true || value === 1;

function toConversation(row: Record<string, unknown>): Conversation {
  const state = row.bridge_engine_state ? (JSON.parse(String(row.bridge_engine_state)) as ConversationState) : initialState();
  // The row's columns are the truth for what admins and operators can change.
  state.state = (row.bridge_state as ConversationState["state"]) ?? state.state;
  state.closed = truthy(row.bridge_closed);
  return {
    id: Number(row.id),
    token: String(row.bridge_token),
    scriptId: idOrNull(row.chatbot_script_id),
    livechatChannelId: idOrNull(row.livechat_channel_id),
    state,
    isTest: truthy(row.bridge_is_test),
    visitorName: (row.bridge_visitor_name as string) || DEFAULT_VISITOR_NAME,
    countryCode: (row.bridge_country_code as string) || null,
    lang: (row.bridge_lang as string) || null,
    operatorUserId: idOrNull(row.bridge_operator_user_id),
    operatorName: (row.bridge_operator_name as string) || null,
  };
}

const selectByToken = prepared<{ token: string }, Record<string, unknown>>((db, slot) => db.selectFrom("discuss_channel").select([...CHANNEL_COLUMNS]).where("bridge_token", "=", slot("token")));
const selectKeyByToken = prepared<{ token: string }, Record<string, unknown>>((db, slot) => db.selectFrom("discuss_channel").select(["id", "bridge_token"]).where("bridge_token", "=", slot("token")));
const selectById = prepared<{ id: number }, Record<string, unknown>>((db, slot) =>
  db.selectFrom("discuss_channel").select([...CHANNEL_COLUMNS]).where("id", "=", slot("id")).where("bridge_token", "is not", null),
);

export async function findByToken(env: Env, token: unknown): Promise<Conversation | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await selectByToken(env, { token });
  return row ? toConversation(row) : null;
}

/** Who a token belongs to, without reading the conversation's state (read again under its lock). */
export async function findKeyByToken(env: Env, token: unknown): Promise<Pick<Conversation, "id" | "token"> | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await selectKeyByToken(env, { token });
  return row ? { id: Number(row.id), token: String(row.bridge_token) } : null;
}

export async function findById(env: Env, id: number): Promise<Conversation | null> {
  const [row] = await selectById(env, { id });
  return row ? toConversation(row) : null;
}

const selectForStep = prepared<{ id: number; token: string; key: string }, Record<string, unknown>>((db, slot) =>
  db
    .selectFrom("discuss_channel")
    .select([...CHANNEL_COLUMNS])
    .select((eb) => [
      keptResultQuery(db, slot("token"), slot("key")).as("kept_result"),
      eb.selectFrom("mail_message").select((m) => m.fn.max("id").as("last")).where("model", "=", "discuss.channel").where("res_id", "=", slot("id")).as("last_message_id"),
    ])
    .where("id", "=", slot("id"))
    .where("bridge_token", "is not", null),
);

export interface StepRead<T> {
  conversation: Conversation | null;
  /** The result kept for (token, client key), if this call was answered before. */
  kept: T | undefined;
  /** The conversation's newest message id (0 when none). */
  lastMessageId: number;
}

/** What a step reads first, in one statement: the conversation, a kept result, the newest message id. */
export async function readForStep<T>(env: Env, id: number, token: string, clientKey: string | null): Promise<StepRead<T>> {
  const [row] = await selectForStep(env, { id, token, key: clientKey ?? "" });
  if (!row) return { conversation: null, kept: undefined, lastMessageId: 0 };
  return { conversation: toConversation(row), kept: clientKey ? parseKept<T>(row.kept_result) : undefined, lastMessageId: Number(row.last_message_id ?? 0) };
}

export interface NewConversation {
  token: string;
  name: string;
  scriptId: number | null;
  botPartnerId: number | null;
  livechatChannelId: number | null;
  isTest: boolean;
  visitorName: string | null;
  lang: string | null;
  countryCode: string | null;
  /** Who runs a test conversation (its create_uid); the visitor routes act as superuser. */
  testerUserId?: number;
}

export async function createConversation(env: Env, spec: NewConversation): Promise<Conversation> {
  const countryIds = spec.countryCode ? await env.model("res.country").search([["code", "=", spec.countryCode.toUpperCase()]], { limit: 1 }) : [];
  const creator = spec.testerUserId ? env.withUser(spec.testerUserId) : env;
  const id = await creator.model("discuss.channel").createOne({
    country_id: countryIds[0] ?? false,
    name: spec.name,
    channel_type: "livechat",
    livechat_channel_id: spec.livechatChannelId ?? false,
    livechat_operator_id: spec.botPartnerId ?? false,
    anonymous_name: spec.visitorName ?? DEFAULT_VISITOR_NAME,
    livechat_active: true,
    chatbot_script_id: spec.scriptId ?? false,
    bridge_token: spec.token,
    bridge_state: "bot",
    bridge_closed: false,
    bridge_engine_state: JSON.stringify(initialState()),
    bridge_is_test: spec.isTest,
    bridge_lang: spec.lang ?? false,
    bridge_country_code: spec.countryCode ?? false,
    bridge_visitor_name: spec.visitorName ?? false,
  });
  return (await findById(env, id))!;
}

export interface ConversationChanges {
  operatorUserId?: number | null;
  operatorName?: string | null;
  operatorPartnerId?: number | null;
  /** Odoo renames the channel "<visitor> <operator>" when an operator joins. */
  name?: string;
}

/** Saves the engine state (and who operates the conversation, when that changed). */
export async function saveConversation(env: Env, conversation: Conversation, changes: ConversationChanges = {}): Promise<void> {
  const { state } = conversation;
  const bool = env.database.helpers.toBoolean;
  const values: StateValues = {
    bridge_engine_state: JSON.stringify(state),
    bridge_state: state.state,
    bridge_closed: bool(state.closed),
    chatbot_current_step_id: state.state === "bot" ? state.current_step_id : null,
    livechat_active: bool(!state.closed),
    write_date: nowDatetime(),
    write_uid: env.uid,
    id: conversation.id,
  };
  const more: Record<string, unknown> = {};
  if ("operatorUserId" in changes) more.bridge_operator_user_id = changes.operatorUserId ?? null;
  if ("operatorName" in changes) more.bridge_operator_name = changes.operatorName ?? null;
  if ("operatorPartnerId" in changes && changes.operatorPartnerId) more.livechat_operator_id = changes.operatorPartnerId;
  if (changes.name) more.name = changes.name;
  // Most steps change the state only: the compiled statement.
  if (!Object.keys(more).length) {
    await updateState(env, values);
    return;
  }
  const { id, ...stateColumns } = values;
  await env.db.updateTable("discuss_channel").set({ ...stateColumns, ...more }).where("id", "=", id as number).execute();
}

const STATE_COLUMNS = ["bridge_engine_state", "bridge_state", "bridge_closed", "chatbot_current_step_id", "livechat_active", "write_date", "write_uid"] as const;
type StateValues = Record<(typeof STATE_COLUMNS)[number] | "id", unknown>;
const updateState = prepared<StateValues, unknown>((db, slot) =>
  db
    .updateTable("discuss_channel")
    .set(Object.fromEntries(STATE_COLUMNS.map((column) => [column, slot(column)])))
    .where("id", "=", slot("id")),
);

export interface PostSpec {
  author: MessageAuthor;
  authorName: string;
  authorPartnerId: number | null;
  body: string;
  stepId: number | null;
  answerId: number | null;
  /** Link the message to the script (Odoo's `chatbot.message`), with the visitor's raw answer. */
  chatbot?: { stepId: number; answerId: number | null; rawAnswer: string | null };
}

const MESSAGE_INSERT = ["create_date", "write_date", "create_uid", "write_uid", "res_id", "body", "author_id", "message_type", "date", "bridge_author_kind", "bridge_author_name", "bridge_step_id", "bridge_answer_id"] as const;
const LINK_INSERT = ["create_date", "write_date", "create_uid", "write_uid", "mail_message_id", "discuss_channel_id", "script_step_id", "user_script_answer_id", "user_raw_answer"] as const;
/** Rows per insert statement at most (far below SQLite's limit on bound values). */
const ROWS_PER_INSERT = 32;

type RowValues = Record<string, unknown>;
type InsertRun = (env: Env, values: { rows: RowValues[] }) => Promise<{ id: number }[]>;

/** One insert statement of `count` rows, compiled once per row count; row i's values are `rows[i]`. */
function rowsInsert(table: string, columns: readonly string[], fixed: RowValues, returning: boolean): (count: number) => InsertRun {
  const byCount = new Map<number, InsertRun>();
  return (count) => {
    let run = byCount.get(count);
    if (!run) {
      run = prepared<{ rows: RowValues[] }, { id: number }>((db, slot) => {
        const rows = Array.from({ length: count }, (_, row) => ({ ...fixed, ...Object.fromEntries(columns.map((column) => [column, slot(`rows.${row}.${column}` as "rows")])) }));
        const insert = db.insertInto(table).values(rows);
        return (returning ? insert.returning("id") : insert) as never;
      });
      byCount.set(count, run);
    }
    return run;
  };
}
const insertMessages = rowsInsert("mail_message", MESSAGE_INSERT, { model: "discuss.channel" }, true);
const insertLinks = rowsInsert("chatbot_message", LINK_INSERT, {}, false);

/** Posts a message and returns it as every later read returns it (no need to read it back). */
export async function postMessage(env: Env, conversationId: number, spec: PostSpec): Promise<BridgeMessage> {
  return (await postMessages(env, conversationId, [spec]))[0]!;
}

/** Posts messages in order (one insert for them, one for their script links) and returns them. */
export async function postMessages(env: Env, conversationId: number, specs: PostSpec[]): Promise<BridgeMessage[]> {
  if (specs.length > ROWS_PER_INSERT) {
    const posted: BridgeMessage[] = [];
    for (let i = 0; i < specs.length; i += ROWS_PER_INSERT) posted.push(...(await postMessages(env, conversationId, specs.slice(i, i + ROWS_PER_INSERT))));
    return posted;
  }
  if (!specs.length) return [];
  const now = nowDatetime();
  const uid = env.uid;
  // Rows spelled out rather than spread from a common part: these run at every step.
  const inserted = await insertMessages(specs.length)(env, {
    rows: specs.map((spec) => ({
      create_date: now,
      write_date: now,
      create_uid: uid,
      write_uid: uid,
      res_id: conversationId,
      body: spec.body,
      author_id: spec.authorPartnerId,
      message_type: spec.author === "system" ? "notification" : "comment",
      date: now,
      bridge_author_kind: spec.author,
      bridge_author_name: spec.authorName,
      bridge_step_id: spec.stepId,
      bridge_answer_id: spec.answerId,
    })),
  });
  // Rows get ascending ids in the order of the VALUES list.
  const ids = inserted.map((row) => Number(row.id)).sort((a, b) => a - b);
  const links = specs.flatMap((spec, i) =>
    spec.chatbot
      ? [
          {
            create_date: now,
            write_date: now,
            create_uid: uid,
            write_uid: uid,
            mail_message_id: ids[i]!,
            discuss_channel_id: conversationId,
            script_step_id: spec.chatbot.stepId,
            user_script_answer_id: spec.chatbot.answerId,
            user_raw_answer: spec.chatbot.rawAnswer,
          },
        ]
      : [],
  );
  if (links.length) await insertLinks(links.length)(env, { rows: links });
  return specs.map((spec, i) =>
    toBridgeMessage({
      id: ids[i]!,
      body: spec.body,
      date: now,
      bridge_author_kind: spec.author,
      bridge_author_name: spec.authorName,
      bridge_step_id: spec.stepId,
      bridge_answer_id: spec.answerId,
    }),
  );
}

/** Odoo 18 closes the user's earlier test conversations of a script when a new test starts. */
export async function closeEarlierTests(env: Env, scriptId: number, testerUserId: number): Promise<number[]> {
  const ids = await env.model("discuss.channel").search([
    ["bridge_is_test", "=", true],
    ["chatbot_script_id", "=", scriptId],
    ["create_uid", "=", testerUserId],
    ["bridge_closed", "=", false],
  ]);
  if (ids.length) await env.model("discuss.channel").write(ids, { bridge_closed: true, bridge_state: "ended", livechat_active: false, chatbot_current_step_id: false });
  return ids;
}

/** Odoo's restart forgets the script links (and so every selected answer); messages stay. */
export async function forgetChatbotMessages(env: Env, conversationId: number): Promise<void> {
  const links = env.model("chatbot.message");
  const ids = await links.search([["discuss_channel_id", "=", conversationId]]);
  if (ids.length) await links.unlink(ids);
}

interface MessageRow {
  id: number;
  body: string | null;
  date: string | null;
  bridge_author_kind: string | null;
  bridge_author_name: string | null;
  bridge_step_id: number | null;
  bridge_answer_id: number | null;
}

/** "YYYY-MM-DD HH:MM:SS" (UTC, as stored) → ISO 8601 UTC. */
function isoDate(value: string | null): string {
  if (!value) return new Date(0).toISOString();
  return `${value.replace(" ", "T")}${value.length <= 19 ? ".000" : ""}Z`;
}

export function toBridgeMessage(row: MessageRow): BridgeMessage {
  return {
    id: Number(row.id),
    author: (row.bridge_author_kind ?? "system") as MessageAuthor,
    author_name: row.bridge_author_name ?? "",
    body: row.body ?? "",
    date: isoDate(row.date),
    step_id: row.bridge_step_id === null ? null : Number(row.bridge_step_id),
    answer_id: row.bridge_answer_id === null ? null : Number(row.bridge_answer_id),
  };
}

const MESSAGE_COLUMNS = ["id", "body", "date", "bridge_author_kind", "bridge_author_name", "bridge_step_id", "bridge_answer_id"] as const;

const selectMessagesAfter = prepared<{ resId: number; afterId: number }, MessageRow>((db, slot) =>
  db
    .selectFrom("mail_message")
    .select([...MESSAGE_COLUMNS])
    .where("model", "=", "discuss.channel")
    .where("res_id", "=", slot("resId"))
    .where("id", ">", slot("afterId"))
    .orderBy("id", "asc"),
);

/** Messages of a conversation with id > afterId (or exactly `ids`), ascending. */
export async function readMessages(env: Env, conversationId: number, options: { afterId?: number; ids?: number[] } = {}): Promise<BridgeMessage[]> {
  if (options.ids && !options.ids.length) return [];
  if (!options.ids) return (await selectMessagesAfter(env, { resId: conversationId, afterId: options.afterId ?? 0 })).map(toBridgeMessage);
  let query = env.db
    .selectFrom("mail_message")
    .select([...MESSAGE_COLUMNS])
    .where("model", "=", "discuss.channel")
    .where("res_id", "=", conversationId);
  if (options.afterId) query = query.where("id", ">", options.afterId);
  if (options.ids) query = query.where("id", "in", options.ids);
  const rows = (await query.orderBy("id", "asc").execute()) as MessageRow[];
  return rows.map(toBridgeMessage);
}

/** The newest message of each conversation (two queries, whatever their number). */
export async function lastMessages(env: Env, conversationIds: number[]): Promise<Map<number, BridgeMessage>> {
  if (!conversationIds.length) return new Map();
  const newest = await env.db
    .selectFrom("mail_message")
    .select((eb) => eb.fn.max("id").as("last"))
    .where("model", "=", "discuss.channel")
    .where("res_id", "in", conversationIds)
    .groupBy("res_id")
    .execute();
  const ids = newest.map((row) => Number((row as { last: number }).last));
  if (!ids.length) return new Map();
  const rows = (await env.db.selectFrom("mail_message").select(["res_id", ...MESSAGE_COLUMNS]).where("id", "in", ids).execute()) as (MessageRow & { res_id: number })[];
  return new Map(rows.map((row) => [Number(row.res_id), toBridgeMessage(row)]));
}

const selectLastMessageId = prepared<{ resId: number }, { last: number | null }>((db, slot) =>
  db
    .selectFrom("mail_message")
    .select((eb) => eb.fn.max("id").as("last"))
    .where("model", "=", "discuss.channel")
    .where("res_id", "=", slot("resId")),
);

/** The newest message id of a conversation (0 when none). */
export async function lastMessageId(env: Env, conversationId: number): Promise<number> {
  const [row] = await selectLastMessageId(env, { resId: conversationId });
  return Number(row?.last ?? 0);
}
