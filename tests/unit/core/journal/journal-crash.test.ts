import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanJournal } from '../../../../src-main/core/store/journal/journal-reader';

let child = '';
beforeAll(async () => {
  // Bundled once: a plain node child starts in tens of milliseconds.
  const dir = await mkdtemp(join(tmpdir(), 'qs-journal-crash-'));
  child = join(dir, 'child.mjs');
  await build({ entryPoints: [join(import.meta.dirname, 'journal-crash-child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: child, logLevel: 'silent' });
});

/** Runs the child until it has printed `acks` acknowledgements, then SIGKILLs it. */
function runUntilKilled(file: string, keyHex: string, run: number, acks: number): Promise<{ opened: number; acked: Map<number, string> }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [child, file, keyHex, String(run)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Map<number, string>();
    let opened = -1;
    let buffered = '';
    let stderr = '';
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    process_.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, seq, logId] = line.split(' ');
        if (word === 'open') opened = Number(seq);
        if (word === 'ack') acked.set(Number(seq), logId ?? '');
      }
      if (acked.size >= acks) process_.kill('SIGKILL');
    });
    process_.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve({ opened, acked }) : reject(new Error(`child ended without being killed: ${stderr}`))));
  });
}

/**
 * A kill cannot tear a write the kernel has begun (that takes a power cut: the byte-cut
 * tests cover it), but it lands between any two steps of the writer: mid-batch, between
 * write and sync, between sync and acknowledgement. Records written but not yet
 * acknowledged may survive (once); acknowledged ones must.
 */
describe('journal under SIGKILL', () => {
  it('keeps every acknowledged record, in place, through 25 kills at random points of a stream of appends', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'qs-journal-kill-')), 'journal.qsj');
    const key = randomBytes(32);
    const stops = fc.sample(fc.integer({ min: 1, max: 500 }), { numRuns: 25, seed: 14 });
    const everAcked = new Map<number, string>();
    let kills = 0;
    for (const [run, stopAfter] of stops.entries()) {
      const { opened, acked } = await runUntilKilled(file, key.toString('hex'), run, stopAfter);
      kills++;
      // The child resumed right after the last record that survived the previous kill.
      expect(opened).toBeGreaterThanOrEqual(Math.max(0, ...everAcked.keys()));
      const scan = scanJournal(key, await readFile(file));
      if (scan.kind !== 'read') throw new Error(`journal unreadable after kill ${String(kills)}: ${JSON.stringify(scan)}`);
      const onDisk = new Map(scan.entries.map((entry) => [entry.seq, entry.record.op.type === 'log-added' ? entry.record.op.log.id : ''] as const));
      for (const [seq, logId] of acked) everAcked.set(seq, logId);
      // Every acknowledged record is there, at its sequence, with its log.
      for (const [seq, logId] of everAcked) expect(onDisk.get(seq)).toBe(logId);
      // Nothing appears twice.
      expect(new Set(onDisk.values()).size).toBe(onDisk.size);
    }
    expect(kills).toBe(25);
    expect(everAcked.size).toBeGreaterThan(2000);
  }, 60_000);
});
