import { mkdir, writeFile } from 'node:fs/promises';
import { describe, it, expect } from 'vitest';
import { encodeLogShard, monthOf, openProfileCodec, type StoredLog } from '../../../src-main/core/index';
import { nodeFs, type FsPort } from '../../../src-main/core/store/fs-port';
import { Client, closedProfileWithWeight, SIGN_UP, startCore } from './helpers';

/** The real file system, recording every file read. */
function recordingFs(): { fs: FsPort; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    fs: {
      ...nodeFs,
      readFile: (path, encoding) => {
        reads.push(path);
        return nodeFs.readFile(path, encoding);
      },
      // Encrypted files are read as bytes.
      readBytes: (path) => {
        reads.push(path);
        return nodeFs.readBytes(path);
      },
    },
  };
}

async function profileWithHistory() {
  const { dataDir, profile, tracker, layout } = await closedProfileWithWeight();
  // Written directly, as a benchmark does: one entry a day for two years.
  await mkdir(layout.trackerLogsDir(profile.id, tracker.id), { recursive: true });
  const byMonth = new Map<string, StoredLog[]>();
  for (let day = 0; day < 730; day += 1) {
    const at = new Date(Date.UTC(2024, 0, 1 + day, 7)).toISOString();
    const logs = byMonth.get(monthOf(at)) ?? [];
    logs.push({ id: `log-${day}`, trackerId: tracker.id, at, offsetMinutes: 60, value: 70 + (day % 5), note: '' });
    byMonth.set(monthOf(at), logs);
  }
  // Encrypted with the profile's key, as the app writes them.
  const codec = await openProfileCodec(dataDir, profile.id, SIGN_UP.password);
  for (const [month, logs] of byMonth) {
    const file = layout.logShardFile(profile.id, tracker.id, month);
    await writeFile(file, codec.encode(file, encodeLogShard(logs)));
  }
  return { dataDir, profile, tracker, layout };
}

describe('lazy loading', () => {
  it('reads a directly generated history, newest first', async () => {
    const { dataDir, tracker } = await profileWithHistory();
    const client = new Client(await startCore({ dataDir }));
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    const { logs } = await client.ok('listLogs', { trackerId: tracker.id, limit: 1000 });
    expect(logs).toHaveLength(730);
    expect(logs[0]).toMatchObject({ id: 'log-729', at: '2025-12-30T07:00:00.000Z' });
    expect(logs.at(-1)).toMatchObject({ id: 'log-0', at: '2024-01-01T07:00:00.000Z' });
  });

  it('opens a profile without reading any log shard; logging reads only that month', async () => {
    const { dataDir, profile, tracker, layout } = await profileWithHistory();
    const { fs, reads } = recordingFs();
    const client = new Client(await startCore({ dataDir, fs }));
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    await client.ok('listTrackers', {});
    const opened = [layout.accountFile(profile.id), layout.profileFile(profile.id), layout.settingsFile(profile.id), layout.trackersFile(profile.id)];
    expect(reads).toEqual(expect.arrayContaining(opened));
    expect(reads.filter((file) => file.startsWith(layout.trackerLogsDir(profile.id, tracker.id)))).toEqual([]);

    // This history was written without the tracker's summary (summaries.json): the first
    // entry builds it from every shard, once.
    reads.length = 0;
    await client.ok('addLog', { trackerId: tracker.id, value: 71, at: '2025-06-15T08:00:00Z' });
    expect(reads).toContain(`${layout.profileDir(profile.id)}/summaries.json`);
    expect(reads).toContain(layout.logShardFile(profile.id, tracker.id, '2024-01'));
  });

  it('with summaries on disk, logging reads only the month of the entry', async () => {
    const { dataDir, profile, tracker, layout } = await profileWithHistory();
    const first = await startCore({ dataDir });
    const builder = new Client(first);
    await builder.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    await builder.ok('dashboard', {});
    await first.close();

    const { fs, reads } = recordingFs();
    const client = new Client(await startCore({ dataDir, fs }));
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    await client.ok('listTrackers', {});
    reads.length = 0;
    await client.ok('addLog', { trackerId: tracker.id, value: 71, at: '2025-06-15T08:00:00Z' });
    expect(reads).toEqual([layout.logShardFile(profile.id, tracker.id, '2025-06'), `${layout.profileDir(profile.id)}/summaries.json`]);

    reads.length = 0;
    await client.ok('addLog', { trackerId: tracker.id, value: 72, at: '2025-06-16T08:00:00Z' });
    expect(reads).toEqual([]);
  });
});
