/** Reading the CSV fixtures of tests/fixtures/csv as the renderer would send them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
