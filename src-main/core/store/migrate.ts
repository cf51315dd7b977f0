/**
 * Every data file is `{ "version": N, … }`. A file from an older version is brought up to
 * date by plain `(old) => new` functions, one per step, keyed by the version they upgrade
 * from; a file from a newer version is refused rather than rewritten without what it added.
 */
export type JsonRecord = Record<string, unknown>;
export type Migration = (old: JsonRecord) => JsonRecord;
/** `migrations[n]` turns a version-n record into a version-(n+1) one. */
export type Migrations = Readonly<Record<number, Migration>>;

export type MigrationOutcome =
  | { readonly ok: true; readonly record: JsonRecord }
  | { readonly ok: false; readonly problem: 'damaged' | 'too_new'; readonly reason: string };

/** A JSON object (not an array, not null). */
export const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

export function migrate(raw: unknown, currentVersion: number, migrations: Migrations): MigrationOutcome {
  if (!isRecord(raw)) return { ok: false, problem: 'damaged', reason: 'it is not a JSON object' };
  let record = raw;
  let version = record['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, problem: 'damaged', reason: 'it has no valid "version"' };
  }
  if (version > currentVersion) {
    return { ok: false, problem: 'too_new', reason: `it is format version ${version}; this app reads up to ${currentVersion}` };
  }
  while (version < currentVersion) {
    const step = migrations[version];
    if (step === undefined) return { ok: false, problem: 'damaged', reason: `there is no upgrade from format version ${version}` };
    record = step(record);
    if (record['version'] !== version + 1) {
      throw new Error(`Migration from version ${version} produced version ${String(record['version'])}`);
    }
    version += 1;
  }
  return { ok: true, record };
}
