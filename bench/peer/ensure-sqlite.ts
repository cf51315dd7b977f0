/**
 * The SQLite peer's driver, better-sqlite3, installed on demand into `bench/.peer/` (git-ignored)
 * and never into the project's dependencies: it compiles SQLite from source here (its prebuilt
 * download cannot be fetched), which takes minutes that CI and `npm ci` should not pay for a
 * benchmark. `npx tsx bench/peer/ensure-sqlite.ts` installs it ahead of time; the benchmarks that
 * need it call `loadSqlite()`, which installs it the first time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Pinned: 12.x is the last line that runs on Node 20 (13.x needs Node 22 and, installed on 20
 * anyway, crashes the process).
 */
export const SQLITE_DRIVER_VERSION = '12.11.1';
const PREFIX = fileURLToPath(new URL('../.peer/', import.meta.url));
const MODULE_DIR = join(PREFIX, 'node_modules', 'better-sqlite3');
const ADDON = join(MODULE_DIR, 'build', 'Release', 'better_sqlite3.node');
const BUILD_TOOLS = ['python3', 'make', 'g++'] as const;

/** The part of better-sqlite3's API the benchmarks use (its types are a separate package we do not install). */
export interface SqliteStatement {
  run(...params: readonly unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: readonly unknown[]): unknown;
  all(...params: readonly unknown[]): unknown[];
}
export interface SqliteDatabase {
  pragma(source: string, options?: { simple: boolean }): unknown;
  exec(source: string): SqliteDatabase;
  prepare(source: string): SqliteStatement;
  transaction<A extends unknown[]>(run: (...args: A) => void): (...args: A) => void;
  close(): void;
}
export type SqliteConstructor = new (file: string) => SqliteDatabase;

/** Why the peer cannot be used: one sentence a person can act on. */
export class PeerUnavailable extends Error {
  override readonly name = 'PeerUnavailable';
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
}

function installedVersion(): string | null {
  try {
    const require = createRequire(join(PREFIX, 'noop.js'));
    const meta: unknown = require('better-sqlite3/package.json');
    return typeof meta === 'object' && meta !== null && 'version' in meta && typeof meta.version === 'string' ? meta.version : null;
  } catch {
    return null;
  }
}

/**
 * Install better-sqlite3 into `bench/.peer/` unless the pinned version is there already.
 * Returns how long the install took (0 when nothing was done). Throws `PeerUnavailable`.
 */
export function ensureSqlite(log: (line: string) => void = (line) => console.error(line)): number {
  if (installedVersion() === SQLITE_DRIVER_VERSION && existsSync(ADDON)) return 0;
  const missing = BUILD_TOOLS.filter((tool) => !onPath(tool));
  if (missing.length > 0) {
    throw new PeerUnavailable(`The SQLite peer compiles better-sqlite3 from source and needs ${missing.join(', ')} on the PATH (Debian: apt-get install python3 make g++).`);
  }
  log(`installing better-sqlite3@${SQLITE_DRIVER_VERSION} into ${PREFIX} (compiles SQLite from source, a few minutes)…`);
  const started = performance.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['install', '--prefix', PREFIX, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `better-sqlite3@${SQLITE_DRIVER_VERSION}`], {
    // prebuild-install reads this and skips the download, which fails without a route out.
    env: { ...process.env, npm_config_build_from_source: 'true' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0 || installedVersion() !== SQLITE_DRIVER_VERSION) {
    throw new PeerUnavailable(`npm could not build better-sqlite3@${SQLITE_DRIVER_VERSION} into ${PREFIX} (exit ${run.status ?? run.signal}; its output is above).`);
  }
  if (!existsSync(ADDON)) {
    // npm 11 warns that install scripts are "not yet covered by allowScripts"; should a later npm skip them, say so.
    throw new PeerUnavailable(`npm installed better-sqlite3@${SQLITE_DRIVER_VERSION} into ${PREFIX} without building it (no ${ADDON}): its install script did not run.`);
  }
  log(`better-sqlite3 built in ${seconds.toFixed(0)} s`);
  return seconds * 1000;
}

/** better-sqlite3's `Database` class, installed first if need be. Throws `PeerUnavailable`. */
export function loadSqlite(): SqliteConstructor {
  ensureSqlite();
  const require = createRequire(join(PREFIX, 'noop.js'));
  try {
    return require('better-sqlite3') as SqliteConstructor;
  } catch (error) {
    throw new PeerUnavailable(`better-sqlite3 is installed in ${PREFIX} but does not load (${error instanceof Error ? error.message : String(error)}); delete that folder to rebuild it.`);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const tookMs = ensureSqlite();
    console.log(tookMs === 0 ? `better-sqlite3@${SQLITE_DRIVER_VERSION} is already in ${PREFIX}` : `ready in ${(tookMs / 1000).toFixed(0)} s`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
