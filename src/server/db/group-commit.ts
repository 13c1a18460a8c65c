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

/** The SQLite connection under `db`, when known: savepoints then run on it directly. */
export interface SavepointConnection {
  prepare(source: string): { run(): unknown };
}

export class GroupCommit {
  private readonly waiting: Job[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly maxGroup = MAX_GROUP,
    private readonly connection: SavepointConnection | null = null,
  ) {}

  /** A savepoint statement inside the group's transaction (two per step: kept cheap). */
  private async savepoint(trx: Trx, statement: "savepoint step" | "release savepoint step" | "rollback to savepoint step"): Promise<void> {
    // The transaction holds the one connection, so the statement is part of it either way.
    if (this.connection) this.connection.prepare(statement).run();
    else await sql.raw(statement).execute(trx);
  }

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
        await this.savepoint(trx, "savepoint step");
        try {
          outcomes.push({ ok: true, value: await job.fn(trx) });
          await this.savepoint(trx, "release savepoint step");
        } catch (error) {
          outcomes.push({ ok: false, error });
          await this.savepoint(trx, "rollback to savepoint step");
          await this.savepoint(trx, "release savepoint step");
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
