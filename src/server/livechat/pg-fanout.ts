// Cross-process live push on PostgreSQL: each process LISTENs on one channel and NOTIFYs its
// own events there, as Odoo's bus does. SQLite runs one process, so this is PostgreSQL only.
// Both connections come back by themselves when the database restarts.
import pg from "pg";
import type { ConversationEvent, LiveHub } from "./hub.ts";

const CHANNEL = "chatbot_bridge_live";
const RECONNECT_MS = 500;

export interface Fanout {
  close(): Promise<void>;
}

/** A client that is replaced, after a short pause, whenever its connection is lost. */
function lastingClient(databaseUrl: string, setup: (client: pg.Client) => Promise<void>, isClosed: () => boolean): { current: () => pg.Client | null; ready: Promise<void>; end: () => Promise<void> } {
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  const retry = () => {
    if (isClosed() || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect().catch(() => undefined);
    }, RECONNECT_MS);
  };
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on("error", () => undefined); // the connection is lost: 'end' follows
    next.on("end", () => {
      if (client === next) client = null;
      retry();
    });
    try {
      await next.connect();
      await setup(next);
      client = next;
    } catch (error) {
      void next.end().catch(() => undefined);
      retry();
      throw error;
    }
  };
  return {
    current: () => client,
    ready: connect(),
    end: async () => {
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}

export async function startPostgresFanout(databaseUrl: string, hub: LiveHub): Promise<Fanout> {
  const origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  let closed = false;
  const listener = lastingClient(
    databaseUrl,
    async (client) => {
      client.on("notification", (message) => {
        if (message.channel !== CHANNEL || !message.payload) return;
        try {
          const { from, event } = JSON.parse(message.payload) as { from: string; event: ConversationEvent };
          if (from !== origin) hub.deliver(event);
        } catch {
          /* not ours */
        }
      });
      await client.query(`LISTEN ${CHANNEL}`);
    },
    () => closed,
  );
  // A dedicated connection for NOTIFY keeps it off the request pool.
  const notifier = lastingClient(databaseUrl, async () => undefined, () => closed);
  await Promise.all([listener.ready, notifier.ready]);
  hub.forward = (event) => {
    // While the database is away the event stays local; the other processes' clients catch
    // up from the database at their next event or poll.
    notifier.current()?.query("select pg_notify($1, $2)", [CHANNEL, JSON.stringify({ from: origin, event })]).catch(() => undefined);
  };
  return {
    async close() {
      closed = true;
      hub.forward = null;
      await Promise.allSettled([listener.end(), notifier.end()]);
    },
  };
}
