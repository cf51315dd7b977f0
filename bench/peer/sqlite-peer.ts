/**
 * The SQLite peer the benchmarks compare the store with: what Loop Habit Tracker or Track & Graph
 * would do with the same entries. One table shaped like our stored log (id, tracker, moment,
 * offset, value, note) with an index on (tracker_id, at) for a tracker's history, WAL journal,
 * `synchronous=FULL` (every commit fsynced, so an acknowledged insert survives a power cut as
 * ours does), and one transaction per insert.
 */
import { loadSqlite, type SqliteDatabase, type SqliteStatement } from './ensure-sqlite';

/** A row as the peer stores it; `value` is JSON text, as a mixed-type column would be. */
export interface PeerLog {
  readonly id: string;
  readonly trackerId: string;
  readonly at: string;
  readonly offsetMinutes: number;
  readonly value: unknown;
  readonly note: string;
}

export interface SqlitePeer {
  /** One durable insert: its own transaction, committed and synced before it returns. */
  insert(log: PeerLog): void;
  /** Many rows in large transactions: setting up the stored history, not a measured write. */
  fill(logs: Iterable<PeerLog>): void;
  count(): number;
  /** Every id stored for one tracker (the load benchmark's "nothing lost" check). */
  idsOf(trackerId: string): string[];
  /** The settings in force, read back from SQLite, for the results file. */
  settings(): { journalMode: unknown; synchronous: unknown; version: unknown };
  close(): void;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS logs (
    id TEXT PRIMARY KEY,
    tracker_id TEXT NOT NULL,
    at TEXT NOT NULL,
    offset_minutes INTEGER NOT NULL,
    value TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX IF NOT EXISTS logs_tracker_at ON logs (tracker_id, at);
`;
const FILL_BATCH = 50_000;

export function openSqlitePeer(file: string): SqlitePeer {
  const Database = loadSqlite();
  const db: SqliteDatabase = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const insertRow: SqliteStatement = db.prepare('INSERT INTO logs (id, tracker_id, at, offset_minutes, value, note) VALUES (?, ?, ?, ?, ?, ?)');
  const params = (log: PeerLog) => [log.id, log.trackerId, log.at, log.offsetMinutes, JSON.stringify(log.value), log.note] as const;
  const insertMany = db.transaction((rows: PeerLog[]) => {
    for (const row of rows) insertRow.run(...params(row));
  });
  const countRows = db.prepare('SELECT count(*) AS n FROM logs');
  const idsOfTracker = db.prepare('SELECT id FROM logs WHERE tracker_id = ? ORDER BY at');
  return {
    insert: (log) => {
      insertRow.run(...params(log));
    },
    fill: (logs) => {
      let batch: PeerLog[] = [];
      for (const log of logs) {
        batch.push(log);
        if (batch.length === FILL_BATCH) {
          insertMany(batch);
          batch = [];
        }
      }
      if (batch.length > 0) insertMany(batch);
      // The history is in place: start the measured writes from a checkpointed, short WAL.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    count: () => {
      const row = countRows.get() as { n: number };
      return row.n;
    },
    idsOf: (trackerId) => (idsOfTracker.all(trackerId) as { id: string }[]).map((row) => row.id),
    settings: () => ({
      journalMode: db.pragma('journal_mode', { simple: true }),
      synchronous: db.pragma('synchronous', { simple: true }),
      version: (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    }),
    close: () => db.close(),
  };
}
