/**
 * The record of job runs (jobs.json) and the Activity operation over it: runs recorded
 * through the service (the runner's way in) with its last check, listed newest first a page
 * at a time, trimmed as jobs/run-record.ts says, encrypted like every profile file, and
 * refused whole when one run is malformed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataLayout, openProfileCodec } from '../../../src-main/core/index';
import { KEEP_RUNS } from '../../../src-main/core/jobs/run-record';
import { mergedRuns } from '../../../src-main/core/services/job-runs';
import type { JobRun } from '../../../src-preload/contract';
import { filesContaining } from './encryption-helpers';
import { Client, filesOf, SIGN_UP, startCore } from './helpers';

/** The clock of these tests: the day after the runs below. */
const NOW = new Date('2026-11-02T12:00:00Z');

async function signedIn(now: Date = NOW) {
  const core = await startCore({ now: () => now });
  const client = new Client(core);
  const { profile } = await client.ok('signUp', SIGN_UP);
  return { core, client, profile };
}

/** The n-th run: one minute after the (n-1)-th, on 2026-11-01 from 20:00 UTC. */
function run(n: number, change: Partial<JobRun> = {}): JobRun {
  const at = new Date(Date.UTC(2026, 10, 1, 20, n)).toISOString();
  return { id: `run-${n}`, kind: 'nudge', key: `nudge:2026-11-01:t${n}`, dueAt: at, ranAt: at, outcome: 'done', summary: `Nudged: Tracker ${n}`, error: null, day: '2026-11-01', ...change };
}

const ids = (runs: readonly JobRun[]) => runs.map((r) => r.id);

describe('the record of job runs', () => {
  it('is empty at first: Activity has nothing to list', async () => {
    const { client } = await signedIn();
    expect(await client.ok('listActivity', {})).toEqual({ runs: [], more: false });
  });

  it('lists recorded runs newest first, a page at a time, each page after the last run of the one before', async () => {
    const { core, client, profile } = await signedIn();
    await core.jobRuns.record(profile.id, [run(1), run(2), run(3)]);
    await core.jobRuns.record(profile.id, [run(4), run(5)]);

    const first = await client.ok('listActivity', { limit: 2 });
    expect(first).toEqual({ runs: [run(5), run(4)], more: true });
    const second = await client.ok('listActivity', { limit: 2, before: 'run-4' });
    expect(ids(second.runs)).toEqual(['run-3', 'run-2']);
    expect(second.more).toBe(true);
    expect(await client.ok('listActivity', { limit: 2, before: 'run-2' })).toEqual({ runs: [run(1)], more: false });
    expect(await client.ok('listActivity', { limit: 2, before: 'run-1' })).toEqual({ runs: [], more: false });
    // 50 by default.
    expect(ids((await client.ok('listActivity', {})).runs)).toEqual(['run-5', 'run-4', 'run-3', 'run-2', 'run-1']);
  });

  it('orders by when each run ran, whatever the order of recording; runs of one moment keep their order', async () => {
    const { core, client, profile } = await signedIn();
    const moment = run(9).ranAt;
    await core.jobRuns.record(profile.id, [run(9), run(3)]);
    await core.jobRuns.record(profile.id, [run(10, { ranAt: moment }), run(1)]);
    expect(ids((await client.ok('listActivity', {})).runs)).toEqual(['run-10', 'run-9', 'run-3', 'run-1']);
  });

  it('keeps times as UTC ISO, whatever offset a run was given with', async () => {
    const { core, client, profile } = await signedIn();
    await core.jobRuns.record(profile.id, [run(1, { dueAt: '2026-11-01T21:00:00+01:00', ranAt: '2026-11-01T21:00:05+01:00' })]);
    const [listed] = (await client.ok('listActivity', {})).runs;
    expect([listed?.dueAt, listed?.ranAt]).toEqual(['2026-11-01T20:00:00.000Z', '2026-11-01T20:00:05.000Z']);
  });

  it('replaces a run recorded again under its id (a retried mail), instead of listing it twice', async () => {
    const { core, client, profile } = await signedIn();
    const failed = run(1, { kind: 'mail', outcome: 'failed', error: 'The mail server refused the login.' });
    await core.jobRuns.record(profile.id, [failed, run(2)]);
    await core.jobRuns.record(profile.id, [run(1, { kind: 'mail', ranAt: run(3).ranAt, outcome: 'done' })]);
    const { runs } = await client.ok('listActivity', {});
    expect(runs.map((r) => [r.id, r.outcome])).toEqual([
      ['run-1', 'done'],
      ['run-2', 'done'],
    ]);
  });

  it(`keeps the newest ${KEEP_RUNS} runs of the last 90 days (trimRuns); a page after a run no longer kept is empty`, async () => {
    const { core, client, profile } = await signedIn();
    // Mail runs: none of them is still read by a scheduling decision, so only the bounds apply.
    const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
    const many = Array.from({ length: KEEP_RUNS + 5 }, (_, index) => run(index + 1, { kind: 'mail', key: `mail:${index}`, ranAt: minutesBefore(KEEP_RUNS + 5 - index) }));
    const old = run(0, { kind: 'mail', key: 'mail:old', ranAt: '2026-07-01T00:00:00.000Z' });
    await core.jobRuns.record(profile.id, [old, ...many.slice(0, 3)]);
    expect(ids((await client.ok('listActivity', {})).runs)).toEqual(['run-3', 'run-2', 'run-1']);
    await core.jobRuns.record(profile.id, many.slice(3));

    const all: JobRun[] = [];
    let page = await client.ok('listActivity', { limit: 200 });
    all.push(...page.runs);
    while (page.more) {
      page = await client.ok('listActivity', { limit: 200, before: all.at(-1)?.id });
      all.push(...page.runs);
    }
    expect(all).toHaveLength(KEEP_RUNS);
    expect(all[0]?.id).toBe(`run-${KEEP_RUNS + 5}`);
    expect(all.at(-1)?.id).toBe('run-6');
    expect(await client.ok('listActivity', { before: 'run-3' })).toEqual({ runs: [], more: false });
  });

  it('never trims a run a scheduling decision still reads: today’s nudges stay past the bound', async () => {
    const { core, client, profile } = await signedIn();
    const todays = run(1, { key: 'nudge:2026-11-02:t1', day: '2026-11-02', ranAt: '2026-11-02T08:00:00.000Z' });
    const later = Array.from({ length: KEEP_RUNS }, (_, index) => run(index + 2, { kind: 'mail', key: `mail:${index}`, ranAt: new Date(NOW.getTime() - (KEEP_RUNS - index) * 1000).toISOString() }));
    await core.jobRuns.record(profile.id, [todays, ...later]);
    const { runs } = await core.jobRuns.read(profile.id);
    expect(runs).toHaveLength(KEEP_RUNS + 1);
    expect(runs[0]?.key).toBe('nudge:2026-11-02:t1');
    expect((await client.ok('listActivity', { limit: 1, before: 'run-2' })).runs.map((r) => r.key)).toEqual(['nudge:2026-11-02:t1']);
  });

  it('keeps the runner’s last check with the runs it decided, in one write, and reads both back after a restart', async () => {
    const { core, profile } = await signedIn();
    expect(await core.jobRuns.read(profile.id)).toEqual({ runs: [], lastCheck: null });
    await core.jobRuns.record(profile.id, [run(1)], { at: new Date('2026-11-01T20:01:30+01:00'), timeZone: 'europe/berlin' });
    // A look that decided nothing still moves the last check.
    await core.jobRuns.record(profile.id, [], { at: new Date('2026-11-01T21:00:00Z'), timeZone: 'Europe/Berlin' });
    await core.close();

    const again = await startCore({ dataDir: core.dataDir, now: () => NOW });
    await new Client(again).ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(await again.jobRuns.read(profile.id)).toEqual({ runs: [run(1)], lastCheck: { at: new Date('2026-11-01T21:00:00Z'), timeZone: 'Europe/Berlin' } });
  });

  it('refuses a last check with a bad time or zone, and writes nothing', async () => {
    const { core, profile } = await signedIn();
    const before = await filesOf(core.dataDir);
    await expect(core.jobRuns.record(profile.id, [run(1)], { at: new Date('not a time'), timeZone: 'UTC' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'lastCheck.at' });
    await expect(core.jobRuns.record(profile.id, [run(1)], { at: NOW, timeZone: 'Mars/Olympus' })).rejects.toMatchObject({ code: 'TIME_ZONE_INVALID', field: 'lastCheck.timeZone' });
    expect(await filesOf(core.dataDir)).toEqual(before);
  });

  it('is kept across a restart, encrypted: no summary or error readable in any file', async () => {
    const { core, profile } = await signedIn();
    await core.jobRuns.record(profile.id, [run(1, { summary: 'Nudged: Secret habit', outcome: 'failed', error: 'Mail to hidden@example.org bounced' })]);
    await core.close();
    expect(await filesContaining(core.dataDir, 'Secret habit')).toEqual([]);
    expect(await filesContaining(core.dataDir, 'hidden@example.org')).toEqual([]);

    const file = join(dataLayout(core.dataDir).profileDir(profile.id), 'jobs.json');
    const codec = await openProfileCodec(core.dataDir, profile.id, SIGN_UP.password);
    expect(JSON.parse(codec.decode(file, await readFile(file)))).toMatchObject({ version: 3, runs: [{ id: 'run-1', summary: 'Nudged: Secret habit' }], lastCheck: null });

    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect(ids((await again.ok('listActivity', {})).runs)).toEqual(['run-1']);
  });

  it('reads a version 1 record (before mail attempts were kept) as version 2, its runs unchanged', async () => {
    const { core, profile } = await signedIn();
    await core.jobRuns.record(profile.id, [run(1)]);
    await core.close();
    const file = join(dataLayout(core.dataDir).profileDir(profile.id), 'jobs.json');
    const codec = await openProfileCodec(core.dataDir, profile.id, SIGN_UP.password);
    const stored = JSON.parse(codec.decode(file, await readFile(file))) as Record<string, unknown>;
    await writeFile(file, codec.encode(file, JSON.stringify({ ...stored, version: 1 })));

    const again = new Client(await startCore({ dataDir: core.dataDir, now: () => NOW }));
    await again.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await again.ok('listActivity', {})).runs).toEqual([run(1)]);
  });

  it.each([
    ['an unknown outcome', { outcome: 'exploded' }, 'runs.1.outcome'],
    ['a run time that is not a time', { ranAt: 'yesterday' }, 'runs.1.ranAt'],
    ['an empty id', { id: '' }, 'runs.1.id'],
    ['a summary too long for the file', { summary: 'x'.repeat(1001) }, 'runs.1.summary'],
  ])('refuses a batch with %s whole, naming the run, and writes nothing', async (_name, change, field) => {
    const { core, client, profile } = await signedIn();
    await core.jobRuns.record(profile.id, [run(1)]);
    const before = await filesOf(core.dataDir);
    await expect(core.jobRuns.record(profile.id, [run(2), { ...run(3), ...change } as JobRun])).rejects.toMatchObject({ code: 'INVALID_INPUT', field });
    expect(await filesOf(core.dataDir)).toEqual(before);
    expect(ids((await client.ok('listActivity', {})).runs)).toEqual(['run-1']);
  });

  it('refuses the same run twice in one batch', async () => {
    const { core, profile } = await signedIn();
    await expect(core.jobRuns.record(profile.id, [run(1), run(1)])).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'runs' });
  });

  it('cannot be read or added to while the profile is locked (it is encrypted), nor listed without a session', async () => {
    const { core, client, profile } = await signedIn();
    core.lockProfile(profile.id);
    await expect(core.jobRuns.record(profile.id, [run(1)])).rejects.toMatchObject({ code: 'SESSION_LOCKED' });
    expect(await client.call('listActivity', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await new Client(core).call('listActivity', {})).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });

  it('refuses a page size outside 1 to 200', async () => {
    const { client } = await signedIn();
    expect(await client.call('listActivity', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'limit' } });
    expect(await client.call('listActivity', { limit: 201 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'limit' } });
  });
});

describe('mergedRuns', () => {
  it('adds, replaces by id and orders by run time, without touching its inputs', () => {
    const current = [run(1), run(2)];
    const added = [run(2, { outcome: 'failed', error: 'no' }), run(0)];
    expect(mergedRuns(current, added).map((r) => [r.id, r.outcome])).toEqual([
      ['run-0', 'done'],
      ['run-1', 'done'],
      ['run-2', 'failed'],
    ]);
    expect(ids(current)).toEqual(['run-1', 'run-2']);
  });
});
