/**
 * The whole core under SIGKILL (issue 14's crash test, run against the store as it is; it
 * stays the guard when writes go through the journal): a child process writes as fast as 8
 * clients can — entries added, moved to another month, deleted, a tracker's description now
 * and then — and is killed at random
 * moments, 50 times. After each kill the data folder is opened again and read through the
 * core: every acknowledged entry is there once, where its last acknowledged write put it; an
 * acknowledged delete stays deleted; the description is the last acknowledged one or one cut
 * short; a write cut short by the kill may have landed or not,
 * never twice; every file still reads (the dashboard and a full export succeed).
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../src-main/core/index';
import type { Log } from '../../../src-preload/contract';
import { Client } from './helpers';

const KILLS = 50;
const MIN_ACKED_WRITES = 5_000;

let child = '';
beforeAll(async () => {
  // Bundled once: a plain node child starts in tens of milliseconds, not tsx's second.
  const dir = await mkdtemp(join(tmpdir(), 'qs-crash-kill-child-'));
  child = join(dir, 'child.mjs');
  await build({ entryPoints: [join(import.meta.dirname, 'crash-kill-child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: child, logLevel: 'silent' });
});

/** What the acknowledgements say of one entry. */
interface Expected {
  /** Where it may be: its acknowledged time, and a time a move cut short may have set. */
  readonly times: Set<string>;
  /** Acknowledged as deleted: it must be gone. */
  deleted: boolean;
  /** A delete was under way when the child died: gone or not. */
  deleting: boolean;
}

/** What the acknowledgements say of the first tracker's description: the last acknowledged, or one cut short. */
interface ExpectedDescription {
  acked: string;
  inFlight: string | null;
}

/** Runs the child until it has acknowledged `writes` writes, then SIGKILLs it; folds what it printed into `expected`. */
function runUntilKilled(dataDir: string, run: number, writes: number, expected: Map<string, Expected>, description: ExpectedDescription): Promise<number> {
  return new Promise((resolve, reject) => {
    const child_ = spawn(process.execPath, [child, dataDir, String(run)], { cwd: join(import.meta.dirname, '../../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = 0;
    let buffered = '';
    let stderr = '';
    child_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child_.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        // `added <id> <trackerId> <at>`, `moving|moved <id> <at>`, `deleting|deleted <id>`, `describing|described <text>`.
        const [word = '', id = '', ...rest] = line.split(' ');
        if (word === 'describing') description.inFlight = line.slice(word.length + 1);
        else if (word === 'described') {
          description.acked = line.slice(word.length + 1);
          description.inFlight = null;
        }
        const at = rest.at(-1) ?? '';
        const entry = expected.get(id);
        if (word === 'added') {
          expected.set(id, { times: new Set([at]), deleted: false, deleting: false });
          acked += 1;
        } else if (word === 'moving' && entry) entry.times.add(at);
        else if (word === 'moved' && entry) {
          entry.times.clear();
          entry.times.add(at);
          acked += 1;
        } else if (word === 'deleting' && entry) entry.deleting = true;
        else if (word === 'deleted' && entry) {
          entry.deleted = true;
          acked += 1;
        }
      }
      if (acked >= writes) child_.kill('SIGKILL');
    });
    child_.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`the child ended without being killed: ${stderr}`))));
  });
}

/** Every entry of every tracker and the first tracker's description, read through a fresh core; the dashboard and the export must read too. */
async function readBack(dataDir: string): Promise<{ logs: Log[]; description: string }> {
  const core = await openCore({ dataDir, scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  const client = new Client(core);
  try {
    await client.ok('logIn', { email: 'crash@example.org', password: 'a long enough password' });
    await client.ok('dashboard', {});
    await client.ok('exportLogsCsv', {});
    const { trackers } = await client.ok('listTrackers', {});
    const logs: Log[] = [];
    for (const tracker of trackers) {
      for (let offset = 0; ; offset += 1000) {
        const page = await client.ok('listLogs', { trackerId: tracker.id, order: 'oldest', offset, limit: 1000 });
        logs.push(...page.logs);
        if (offset + 1000 >= page.total) break;
      }
    }
    return { logs, description: trackers[0]?.description ?? '' };
  } finally {
    await core.close();
  }
}

describe('the core under SIGKILL', () => {
  it(`keeps every acknowledged write through ${String(KILLS)} kills at random moments of adds, moves across months and deletes`, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'qs-crash-kill-'));
    const stops = fc.sample(fc.integer({ min: 60, max: 180 }), { numRuns: KILLS, seed: 1414 });
    const expected = new Map<string, Expected>();
    const description: ExpectedDescription = { acked: '', inFlight: null };
    let acked = 0;
    for (const [run, stopAfter] of stops.entries()) {
      acked += await runUntilKilled(dataDir, run, stopAfter, expected, description);
      const { logs, description: description_ } = await readBack(dataDir);
      const allowed = description.inFlight === null ? [description.acked] : [description.acked, description.inFlight];
      expect(allowed, `description "${description_}" after kill ${String(run + 1)}`).toContain(description_);
      description.acked = description_;
      description.inFlight = null;
      const found = new Map<string, Log>();
      for (const log of logs) {
        // Nothing twice, acknowledged or not.
        expect(found.has(log.id), `entry ${log.id} listed twice after kill ${String(run + 1)}`).toBe(false);
        found.set(log.id, log);
      }
      for (const [id, entry] of expected) {
        const log = found.get(id);
        if (entry.deleted) expect(log, `deleted entry ${id} came back after kill ${String(run + 1)}`).toBeUndefined();
        else if (log === undefined) expect(entry.deleting, `acknowledged entry ${id} lost after kill ${String(run + 1)}`).toBe(true);
        else expect(entry.times.has(log.at), `entry ${id} at ${log.at}, acknowledged at ${[...entry.times].join(' or ')}`).toBe(true);
        // What the read found is what the next run starts from.
        if (log === undefined) entry.deleted = true;
        else {
          entry.times.clear();
          entry.times.add(log.at);
        }
        entry.deleting = false;
      }
    }
    expect(acked).toBeGreaterThanOrEqual(MIN_ACKED_WRITES);
    // The tracker writes did happen (and were checked above after each kill).
    expect(description.acked).toMatch(/^run \d+ write \d+$/);
  }, 300_000);
});
