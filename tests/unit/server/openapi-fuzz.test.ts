/**
 * A schema-aware fuzz driven by docs/openapi.yaml: each operation that takes a body or path
 * parameters starts from the document's example (path parameters naming real trackers,
 * logs and months), then one field at a time is mutated — a wrong type, left out, an extra
 * property, a number out of range, an oversized string, a bad path parameter. Every answer
 * must be no 5xx, conform to the document, and when it is an error, leave every file under
 * the data folder as it was. Deterministic (fixed seed), bounded (a few hundred requests).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Method } from '../../../src-preload/contract';
import { OPERATIONS } from '../../../src-preload/operations';
import { EXAMPLES } from '../../../src-main/server/openapi/examples';
import { ApiUnderTest } from './openapi-client';

type Json = Record<string, unknown>;

const SEED = 20_261_130;
const RUNS = 240;

/**
 * Left out: operations that end the session (log-out, lock, deletion: the rest of the run
 * would only meet 401), the test mail, which a fuzzed mail setting could send to a real host,
 * and "Back up now": its input is empty (a mutation can only add a field, which the strict
 * schema refuses as for every empty input), and each accepted call fsyncs a whole backup —
 * half a second here, doubling the run. Its answers are held to the document by the
 * conformance walk (openapi-conformance.test.ts).
 */
const LEFT_OUT = new Set<string>(['sendTestMail', 'backupNow']);

async function hashTree(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (folder: string): Promise<void> => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else hash.update(relative(dir, path)).update('\0').update(await readFile(path)).update('\0');
    }
  };
  await walk(dir);
  return hash.digest('hex');
}

interface Target {
  readonly operationId: string;
  readonly body: Json | null;
  readonly params: readonly string[];
}

const KINDS = ['wrongType', 'missing', 'extra', 'outOfRange', 'oversize', 'badParam'] as const;
type Kind = (typeof KINDS)[number];

/**
 * Path parameters that are wrong for the route but still name it: an empty one or `..`
 * would make the URL another route's (`/api/reports/` is `/api/reports`), which fetch and
 * the router both rightly do.
 */
const BAD_PARAMS = ['x'.repeat(65), '%', 'ünï/code', '2026-13', ' ', '.x', '\u0000', '9'.repeat(40)];

/** Another JSON type than the value's. */
const wrongTypeOf = (value: unknown, pick: number): unknown => {
  if (typeof value === 'string') return [12_345, true, null][pick % 3];
  if (typeof value === 'number') return ['12', false, null][pick % 3];
  if (typeof value === 'boolean') return ['true', 1, null][pick % 3];
  if (Array.isArray(value)) return [{}, 'a,b', 3][pick % 3];
  if (value !== null && typeof value === 'object') return [[], 'object', 0][pick % 3];
  return [7, 'null', {}][pick % 3];
};

const OUT_OF_RANGE = [-1, 1e300, -1e300, 0.5, 2 ** 53 + 2, 70_000];

/** A field's path in the body, one or two levels deep (`settings.type`). */
function fieldPaths(body: Json): string[][] {
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(body)) {
    paths.push([key]);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) for (const inner of Object.keys(value)) paths.push([key, inner]);
  }
  return paths;
}

function mutate(body: Json, path: readonly string[], change: (parent: Json, key: string) => void): Json {
  const copy = structuredClone(body);
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Json;
  change(parent, path[path.length - 1] ?? '');
  return copy;
}

describe('schema-aware fuzz of the API', () => {
  let api: ApiUnderTest;
  let token = '';
  let realParams: Record<string, string> = {};
  const targets: Target[] = [];

  beforeAll(async () => {
    api = await ApiUnderTest.start();
    token = (await api.call('signUp', { body: EXAMPLES.signUp.input })).json?.token ?? '';
    const create = async (body: unknown) => ((await api.call('createTracker', { token, body })).json?.value as { tracker: { id: string } }).tracker.id;
    const trackerId = await create(EXAMPLES.createTracker.input);
    await create({ name: 'Reading', settings: { type: 'duration' } });
    await create({ name: 'Mood', settings: { type: 'multiple_choice', options: ['good', 'bad'] } });
    const logged = await api.call('addLog', { token, params: { trackerId }, body: EXAMPLES.addLog.input });
    realParams = { trackerId, logId: (logged.json?.value as { log: { id: string } }).log.id, month: '2026-10' };

    for (const { operationId, operation, path } of api.checker.operations.values()) {
      const rule = OPERATIONS[operationId as Method]?.session;
      if (rule === undefined || rule === 'closes' || LEFT_OUT.has(operationId)) continue;
      const requestBody = operation.requestBody as { content: { 'application/json': { example: Json } } } | undefined;
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
      if (requestBody || params.length > 0) targets.push({ operationId, body: requestBody?.content['application/json'].example ?? null, params });
    }
    // The example's backup folder is a person's (/home/ada/…): the fuzz keeps its backups inside its own data folder.
    for (const [index, target] of targets.entries()) {
      if (target.operationId === 'updateBackupSettings' && target.body) targets[index] = { ...target, body: { ...target.body, folder: join(api.dataDir, 'chosen-backups') } };
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers mutated requests without a 5xx, as the document says, and changes no file when it refuses', async () => {
    const statuses = new Map<number, number>();
    const run = async (target: Target, kind: Kind, pick: number): Promise<void> => {
      const params = { ...realParams };
      let body = target.body;
      const fields = body ? fieldPaths(body) : [];
      const field = fields[pick % Math.max(fields.length, 1)];
      if (kind === 'badParam' || !body || !field) {
        const name = target.params[pick % Math.max(target.params.length, 1)];
        if (name !== undefined) params[name] = BAD_PARAMS[pick % BAD_PARAMS.length] ?? '';
      } else if (kind === 'wrongType') {
        body = mutate(body, field, (parent, key) => (parent[key] = wrongTypeOf(parent[key], pick)));
      } else if (kind === 'missing') {
        body = mutate(body, field, (parent, key) => delete parent[key]);
      } else if (kind === 'extra') {
        body = mutate(body, field, (parent) => (parent[`extra${pick % 10}`] = wrongTypeOf(pick, pick)));
      } else if (kind === 'outOfRange') {
        body = mutate(body, field, (parent, key) => (parent[key] = typeof parent[key] === 'string' ? 'x'.repeat(100_000) : OUT_OF_RANGE[pick % OUT_OF_RANGE.length]));
      } else {
        // Past the 1 MiB body limit of every operation but the imports.
        body = mutate(body, field, (parent, key) => (parent[key] = 'x'.repeat(1_100_000)));
      }
      const before = await hashTree(api.dataDir);
      const answer = await api.call(target.operationId, { token, params, ...(body ? { body } : {}) });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const what = `${target.operationId} ${kind} ${JSON.stringify(params)} → ${answer.status} ${answer.body.slice(0, 300)}`;
      expect(answer.status, what).toBeLessThan(500);
      expect(answer.problems, what).toEqual([]);
      if (answer.json?.ok !== true) expect(await hashTree(api.dataDir), `${what} changed a file`).toBe(before);
    };

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: targets.length - 1 }), fc.constantFrom(...KINDS), fc.nat({ max: 1_000 }), async (index, kind, pick) => {
        const target = targets[index];
        if (target) await run(target, kind, pick);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The run met refusals and successes both, or it tested little.
    const refused = [...statuses].filter(([status]) => status >= 400).reduce((sum, [, count]) => sum + count, 0);
    expect(refused).toBeGreaterThan(RUNS / 4);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
  });
});
