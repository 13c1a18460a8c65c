// Group commit for SQLite: steps that arrive together run one after the other inside one
// transaction, each in its own savepoint, and are answered only after that one COMMIT.
//
// Every commit writes the pages a step touched to the WAL; steps of a busy minute touch the
// same table and index pages (the newest messages, the newest idempotency rows), so one commit
// for many steps writes each page once instead of once per step. A step that fails rolls back
// to its savepoint and fails alone; a COMMIT that fails fails every step of the group, none of
// which had been answered, so a retry with the same client key runs it again. With one step
// waiting this is one plain transaction: no delay is added when the server is quiet.
import { sql } from "kysely";
import type { Db, Trx } from "./database.ts";

/** Steps per commit at most, so one step never waits behind an unbounded group. */
export const MAX_GROUP = 64;

interface Job<T = unknown> {
  fn: (trx: Trx) => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommit {
  private readonly waiting: Job[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly maxGroup = MAX_GROUP,
  ) {}

  /** Runs `fn` in a transaction (shared with other steps) and resolves once it is committed. */
  run<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ fn, resolve, reject } as Job);
      if (!this.running) {
        this.running = true;
        // Steps whose requests were read in the same turn of the event loop join this group.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length) await this.runGroup(this.waiting.splice(0, this.maxGroup));
    } finally {
      this.running = false;
    }
  }

  private async runGroup(group: Job[]): Promise<void> {
    if (group.length === 1) {
      const job = group[0]!;
      await this.db.transaction().execute(job.fn).then(job.resolve, job.reject);
      return;
    }
    let trx;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      for (const job of group) job.reject(error);
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      for (const job of group) {
        await sql`savepoint step`.execute(trx);
        try {
          outcomes.push({ ok: true, value: await job.fn(trx) });
          await sql`release savepoint step`.execute(trx);
        } catch (error) {
          outcomes.push({ ok: false, error });
          await sql`rollback to savepoint step`.execute(trx);
          await sql`release savepoint step`.execute(trx);
        }
      }
      await trx.commit().execute();
    } catch (error) {
      // The transaction itself failed (savepoint, commit, or the database went away).
      await trx.rollback().execute().catch(() => undefined);
      for (const job of group) job.reject(error);
      return;
    }
    group.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
