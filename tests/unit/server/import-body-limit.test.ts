/** The body cap is per route: imports carry whole CSV files, everything else stays at 1 MiB. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../src-main/core/index';
import { bodyLimitOf, IMPORT_BODY_BYTES, MAX_BODY_BYTES } from '../../../src-main/server/request-body';
import { API_METHODS } from '../../../src-preload/operations';
import { startTestServer, type TestServer } from './server-harness';

const person = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup code 1234' };

let dataDir: string;
let core: Core;
let server: TestServer;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'qs-server-import-'));
  core = await openCore({ dataDir, scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  server = await startTestServer(core.handlers);
});
afterEach(async () => {
  await server.close();
  await core.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A logs CSV of about `bytes` bytes: one tracker, one entry a minute. */
function bigLogsCsv(bytes: number): { text: string; rows: number } {
  const lines = ['tracker,time,value,note'];
  let size = lines[0]?.length ?? 0;
  for (let minute = 0; size < bytes; minute++) {
    const line = `Weight,${new Date(Date.UTC(2020, 0, 1) + minute * 60_000).toISOString()},${70 + (minute % 100) / 10},a note long enough to fill the file`;
    lines.push(line);
    size += line.length + 1;
  }
  return { text: lines.join('\n'), rows: lines.length - 1 };
}

describe('request body limits per route', () => {
  it('gives only the two import operations the large cap', () => {
    expect(IMPORT_BODY_BYTES).toBe(256 * 1024 * 1024);
    for (const method of API_METHODS) {
      expect(bodyLimitOf(method), method).toBe(method === 'previewImport' || method === 'commitImport' ? IMPORT_BODY_BYTES : MAX_BODY_BYTES);
    }
  });

  it('accepts a 3 MiB import but refuses a 3 MiB body anywhere else', async () => {
    const token = ((await (await server.call('POST', '/api/profiles', { body: person })).json()) as { token: string }).token;
    await server.call('POST', '/api/trackers', { token, body: { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } } });
    const file = bigLogsCsv(3 * 1024 * 1024);

    const preview = await server.call('POST', '/api/import/preview', { token, body: { kind: 'logs', files: [{ name: 'logs.csv', ...file }] } });
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ ok: true, value: { counts: { newLogs: file.rows, errors: 0 }, canCommit: true } });

    const elsewhere = await server.call('POST', '/api/trackers', { token, body: { name: 'x', description: file.text, settings: { type: 'boolean' } } });
    expect(elsewhere.status).toBe(413);
    expect(await elsewhere.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MiB.' } });
  });
});
