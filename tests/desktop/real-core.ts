/**
 * The real core in a temp data folder for desktop-shell tests (cheap scrypt), reached in
 * this thread through a CoreClient as the shell reaches it; `useRealCore()` makes a fresh
 * one for each test. `core` and `client` are live bindings: read them inside a test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Session } from '../../src-main/core/dispatch';
import { openCore, type Core } from '../../src-main/core/index';
import { call, inThreadClient, type CoreClient } from '../../src-main/host/core-client';

export const person = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada', age: 36, gender: 'female', backupCode: 'backup code 1234' } as const;

export let core: Core;
export let client: CoreClient;

export function useRealCore(prefix: string): void {
  let dataDir = '';
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), prefix));
    core = await openCore({ dataDir, scrypt: { N: 2 ** 10, r: 8, p: 1 } });
    client = inThreadClient(core.handlers, core, () => undefined);
  });
  afterEach(async () => {
    await core.close();
    await rm(dataDir, { recursive: true, force: true });
  });
}

/** Let this test's shell reach another client (fakes, a failing core) instead. */
export function useClient(other: CoreClient): void {
  client = other;
}

/** `person` signed up: the session the shell would keep. */
export async function signedUp(): Promise<Session> {
  const { result, session } = await call(client, 'signUp', person, null);
  if (!result.ok || session === null) throw new Error('sign-up failed');
  return session;
}

/** A new tracker's id. */
export async function trackerOf(session: Session, name: string, settings: { type: 'boolean' } | { type: 'numerical'; unit: string }): Promise<string> {
  const { result } = await call(client, 'createTracker', { name, settings }, session);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.tracker.id;
}
