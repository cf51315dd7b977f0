/** Reading the CSV fixtures of tests/fixtures/csv as the renderer would send them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tracker } from '../../../src-preload/contract';
import type { InputFile } from '../../../src-main/core/io/our-format-import';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/csv');

/** A fixture as `{ name, text }`, the name relative to its import folder (as a folder pick gives it). */
export function fixture(path: string, name = path.split('/').slice(1).join('/') || path): InputFile {
  return { name, text: readFileSync(join(FIXTURES, path), 'utf8') };
}

export const fixtureBytes = (path: string): Uint8Array => readFileSync(join(FIXTURES, path));

/** Deterministic ids: `id-1`, `id-2`… */
export function counterIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

/** A complete tracker to plan imports and exports against: plain looks and no target unless `extra` says otherwise. */
export const trackerFixture = (id: string, name: string, settings: Tracker['settings'], extra: Partial<Tracker> = {}): Tracker => ({
  id,
  name,
  description: '',
  color: '#336699',
  emoji: '',
  archived: false,
  pinned: false,
  reminder: { enabled: true, days: [1, 2, 3, 4, 5, 6, 7], time: null },
  target: null,
  settings,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

export const WEIGHT_SETTINGS: Tracker['settings'] = { type: 'numerical', unit: 'kg', min: null, max: null, decimals: 1, aggregation: 'average' };
