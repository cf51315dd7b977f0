/**
 * What the data files hold, frozen: the schemas the store reads and writes, as JSON Schema.
 * Some of them are the contract's own (a tracker's settings, a log's value), so a contract
 * change could otherwise change the files without a new format version. When this test
 * fails, the files change: give the format a new version and a migration, then update.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { logColumnsSchema, logShardSchema, profileFileSchema, trackersFileSchema } from '../../../src-main/core/store/formats';
import { accountFileSchema, settingsFileSchema } from '../../../src-main/core/store/account-formats';
import { jobsFileSchema } from '../../../src-main/core/store/jobs-format';
import { backupFoldersFileSchema, backupSettingsFileSchema } from '../../../src-main/core/backups/backup-settings';
import { manifestSchema } from '../../../src-main/core/backups/manifest';
import { logShardsMarkerSchema } from '../../../src-main/core/store/log-shard-upgrade';
import { reportFileSchema, reportIndexSchema } from '../../../src-main/core/store/reports-format';
import { summariesFileSchema } from '../../../src-main/core/store/summaries-format';

describe('stored formats', () => {
  it.each([
    ['trackers.json', trackersFileSchema],
    ['a log shard (in memory)', logShardSchema],
    ['a log shard (its columns on disk)', logColumnsSchema],
    ['profile.json', profileFileSchema],
    ['summaries.json', summariesFileSchema],
    ['settings.json', settingsFileSchema],
    ['account.json', accountFileSchema],
    ['jobs.json', jobsFileSchema],
    ['reports/<YYYY-MM>.json', reportFileSchema],
    ['reports.json', reportIndexSchema],
    ['backups.json', backupSettingsFileSchema],
    ['backup-folders.json', backupFoldersFileSchema],
    ['a backup’s manifest.json', manifestSchema],
    ['log-shards.json (the shards’ upgrade marker)', logShardsMarkerSchema],
  ] as const)('%s keeps its shape', (_name, schema) => {
    expect(z.toJSONSchema(schema, { io: 'input' })).toMatchSnapshot();
  });
});
