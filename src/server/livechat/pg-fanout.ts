// Cross-process live push on PostgreSQL: each process LISTENs on one channel and NOTIFYs its
// own events there, as Odoo's bus does. SQLite runs one process, so this is PostgreSQL only.
import pg from "pg";
import type { ConversationEvent, LiveHub } from "./hub.ts";

const CHANNEL = "chatbot_bridge_live";

export interface Fanout {
  close(): Promise<void>;
}

export async function startPostgresFanout(databaseUrl: string, hub: LiveHub): Promise<Fanout> {
  const origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  await listener.query(`LISTEN ${CHANNEL}`);
  listener.on("notification", (message) => {
    if (message.channel !== CHANNEL || !message.payload) return;
    try {
      const { from, event } = JSON.parse(message.payload) as { from: string; event: ConversationEvent };
      if (from !== origin) hub.deliver(event);
    } catch {
      /* not ours */
    }
  });
  // A dedicated connection for NOTIFY keeps it off the request pool.
  const notifier = new pg.Client({ connectionString: databaseUrl });
  await notifier.connect();
  hub.forward = (event) => {
    notifier.query("select pg_notify($1, $2)", [CHANNEL, JSON.stringify({ from: origin, event })]).catch(() => undefined);
  };
  return {
    async close() {
      hub.forward = null;
      await Promise.allSettled([listener.end(), notifier.end()]);
    },
  };
}
