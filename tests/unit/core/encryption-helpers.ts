/** Reading a data folder byte by byte, for the encryption-at-rest tests. */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `dir`, recursively. */
export async function allFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) files.push(...(await allFiles(path)));
    else files.push(path);
  }
  return files.sort();
}

/** path → sha256 of every file under `dir`. */
export async function fileHashes(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of await allFiles(dir)) hashes[file] = createHash('sha256').update(await readFile(file)).digest('hex');
  return hashes;
}

/** The files under `dir` whose bytes contain `needle` as UTF-8 (or UTF-16, or JSON-escaped). */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le'), Buffer.from(JSON.stringify(needle).slice(1, -1), 'utf8')];
  const found: string[] = [];
  for (const file of await allFiles(dir)) {
    const bytes = await readFile(file);
    if (forms.some((form) => bytes.includes(form))) found.push(file);
  }
  return found;
}
