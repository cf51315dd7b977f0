import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { RestartEvent } from '../../../src-main/host/core-host';
import { CoreHost, MAX_RESTARTS } from '../../../src-main/host/core-host';
import type { Keychain } from '../../../src-main/core/index';
import type { JobView } from '../../../src-preload/contract';
import { SIGN_UP } from '../core/helpers';
import { SessionClient, startHost } from './host-helpers';

/** The host's restart events, each awaitable as it comes. */
function restartEvents(): { readonly events: RestartEvent[]; readonly onRestart: (event: RestartEvent) => void; next(): Promise<RestartEvent> } {
  const events: RestartEvent[] = [];
  let waiting: ((event: RestartEvent) => void) | null = null;
  return {
    events,
    onRestart: (event) => {
      events.push(event);
      waiting?.(event);
      waiting = null;
    },
    next: () => new Promise((resolve) => (waiting = resolve)),
  };
}

describe('the core host', () => {
  it('keeps a profile’s auto-lock minutes from the worker’s answers, and forgets them on lock', async () => {
    const { host } = await startHost();
    const client = new SessionClient(host);
    const { profile } = await client.ok('signUp', SIGN_UP);
    expect(host.autoLockMinutes(profile.id)).toBe(15);
    await client.ok('updateSettings', { autoLockMinutes: 5 });
    expect(host.autoLockMinutes(profile.id)).toBe(5);
    host.lockProfile(profile.id);
    expect(host.autoLockMinutes(profile.id)).toBeNull();
    expect(await client.call('dashboard', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  });

  it('restarts a killed worker: the next call succeeds, and a write acknowledged before the kill is there', async () => {
    const restarts = restartEvents();
    const { host, workers } = await startHost({ onRestart: restarts.onRestart });
    const client = new SessionClient(host);
    await client.ok('signUp', SIGN_UP);
    const { tracker } = await client.ok('createTracker', { name: 'Sleep', settings: { type: 'numerical', unit: 'h' } });
    const { log } = await client.ok('addLog', { trackerId: tracker.id, value: 7.25, note: 'acknowledged' });

    const restarted = restarts.next();
    await workers[0]?.terminate();
    expect(await restarted).toMatchObject({ stopped: false });
    expect(workers).toHaveLength(2);

    // The new worker starts with every profile locked: the session is over, the data is not.
    expect(await client.call('listTrackers', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    client.session = null;
    await client.ok('logIn', { email: SIGN_UP.email, password: SIGN_UP.password });
    expect((await client.ok('listLogs', { trackerId: tracker.id })).logs).toEqual([log]);
  });

  it('answers a call in flight when the worker dies with CORE_RESTARTED, never with silence', async () => {
    const restarts = restartEvents();
    const { host, workers } = await startHost({ onRestart: restarts.onRestart });
    const client = new SessionClient(host);
    await client.ok('signUp', SIGN_UP);
    const restarted = restarts.next();
    const inFlight = client.call('createTracker', { name: 'Mood', settings: { type: 'boolean' } });
    void workers[0]?.terminate();
    const answer = await inFlight;
    // Either the write made it before the end, or the caller is told to check.
    if (!answer.ok) expect(answer.error.code).toBe('CORE_RESTARTED');
    else expect(answer.value.tracker.name).toBe('Mood');
    await restarted;
    expect(await host.dispatch('listProfiles', {}, null)).toMatchObject({ result: { ok: true, value: { profiles: [{ email: 'ada@example.com' }] } } });
  });

  it('gives up after a worker that keeps dying and says so: CORE_STOPPED', async () => {
    const restarts = restartEvents();
    const { host, workers } = await startHost({ onRestart: restarts.onRestart });
    for (let crash = 0; crash <= MAX_RESTARTS; crash += 1) {
      const restarted = restarts.next();
      // Each new worker is killed once its core is open, as a crash loop would.
      await host.dispatch('listProfiles', {}, null);
      await workers.at(-1)?.terminate();
      await restarted;
    }
    expect(restarts.events.at(-1)).toMatchObject({ stopped: true });
    expect(restarts.events.filter((event) => !event.stopped)).toHaveLength(MAX_RESTARTS);
    expect((await host.dispatch('listProfiles', {}, null)).result).toMatchObject({ ok: false, error: { code: 'CORE_STOPPED' } });
  });

  it('holds the data-folder lock for its whole life: a second host is refused until the first closes', async () => {
    const { host, dataDir } = await startHost();
    await expect(CoreHost.start({ dataDir, worker: new URL('../../support/ts-core-worker.mjs', import.meta.url) })).rejects.toMatchObject({ code: 'DATA_FOLDER_LOCKED' });
    await host.close();
    expect((await host.dispatch('listProfiles', {}, null)).result).toMatchObject({ ok: false, error: { code: 'CORE_CLOSED' } });
    const { host: next } = await startHost({ dataDir });
    expect((await next.dispatch('listProfiles', {}, null)).result).toEqual({ ok: true, value: { profiles: [] } });
  });

  it('carries the core’s keychain calls to the shell’s keychain (stay unlocked)', async () => {
    const kept = new Map<string, Buffer>();
    const keychain: Keychain = {
      availability: () => Promise.resolve({ available: true, reason: null }),
      save: (profileId, dataKey) => Promise.resolve(void kept.set(profileId, dataKey)),
      load: (profileId) => Promise.resolve(kept.get(profileId) ?? null),
      forget: (profileId) => Promise.resolve(void kept.delete(profileId)),
    };
    const { host, dataDir } = await startHost({ ports: { keychain } });
    const client = new SessionClient(host);
    const { profile } = await client.ok('signUp', SIGN_UP);
    expect(await client.ok('setStayUnlocked', { enabled: true })).toEqual({ stayUnlocked: { available: true, reason: null, enabled: true } });
    expect(kept.get(profile.id)).toBeInstanceOf(Buffer);
    expect(kept.get(profile.id)).toHaveLength(32);
    await host.close();

    // A new start opens the profile with the remembered key, as the desktop app does.
    const { host: again } = await startHost({ dataDir, ports: { keychain } });
    expect(await again.unlockRemembered(profile.id)).toMatchObject({ id: profile.id, email: 'ada@example.com' });
    expect((await again.dispatch('dashboard', {}, { profileId: profile.id })).result).toEqual({ ok: true, value: { cards: [] } });
  });

  it('answers progress polls itself while the worker is busy with the job they ask about', async () => {
    const heard: { job: JobView | null; polled: unknown }[] = [];
    let poll: (profileId: string) => Promise<unknown> = () => Promise.resolve(null);
    const { host } = await startHost({
      onProgress: (profileId, job) => heard.push({ job, polled: poll(profileId) }),
    });
    poll = async (profileId) => (await host.dispatch('jobProgress', {}, { profileId })).result;
    const client = new SessionClient(host);
    await client.ok('signUp', SIGN_UP);
    const rows = Array.from({ length: 3000 }, (_, index) => `Weight,2026-01-01T00:00:00Z,${index},`);
    const file = { name: 'w.csv', text: `tracker,time,value,note\n${rows.join('\n')}\n` };
    await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    await client.ok('commitImport', { kind: 'logs', files: [file] });

    const during = heard.filter((event) => event.job !== null);
    expect(during.length).toBeGreaterThan(1);
    // Each poll made while the job ran answered the figures of that moment.
    for (const event of during) expect(await event.polled).toEqual({ ok: true, value: { job: event.job } });
    expect(heard.at(-1)?.job).toBeNull();
    expect((await host.dispatch('jobProgress', {}, client.session)).result).toEqual({ ok: true, value: { job: null } });
    expect((await host.dispatch('jobProgress', {}, null)).result).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });
  });

  it('decodes a REST body in the worker: a large one is moved there, not copied; a malformed one is INVALID_INPUT', async () => {
    const { host } = await startHost();
    const client = new SessionClient(host);
    await client.ok('signUp', SIGN_UP);
    const { tracker } = await client.ok('createTracker', { name: 'Weight', settings: { type: 'numerical', unit: 'kg' } });
    const rows = Array.from({ length: 4000 }, (_, index) => `Weight,2026-01-01T08:00:00Z,${index},`);
    const input = { kind: 'logs', files: [{ name: 'w.csv', text: `tracker,time,value,note\n${rows.join('\n')}\n` }] };
    const text = JSON.stringify(input);
    const body = Buffer.alloc(Buffer.byteLength(text));
    body.write(text);
    expect(body.byteLength).toBeGreaterThan(64 * 1024);

    const asJson = await host.dispatchJson('previewImport', new Uint8Array(body.buffer, body.byteOffset, body.byteLength), {}, client.session);
    expect(body.buffer.byteLength).toBe(0); // handed over to the worker
    expect(asJson.result).toEqual((await host.dispatch('previewImport', input, client.session)).result);
    expect(asJson.result).toMatchObject({ ok: true, value: { counts: { newLogs: 4000 } } });

    // Path parameters win over the body's fields.
    const added = await host.dispatchJson('addLog', Buffer.from('{"trackerId":"elsewhere","value":71}'), { trackerId: tracker.id }, client.session);
    expect(added.result).toMatchObject({ ok: true, value: { log: { trackerId: tracker.id, value: 71 } } });
    expect((await host.dispatchJson('addLog', Buffer.from('[71]'), { trackerId: tracker.id }, client.session)).result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The request body is not a JSON object.' },
    });
  });

  it('fails to start as the core fails to open, and releases the lock', async () => {
    const { dataDir, host } = await startHost();
    await host.close();
    const failing = CoreHost.start({ dataDir, worker: () => new Worker('throw new Error("broken build")', { eval: true }) });
    await expect(failing).rejects.toMatchObject({ code: 'CORE_STOPPED' });
    const { host: next } = await startHost({ dataDir });
    expect((await next.dispatch('listProfiles', {}, null)).result).toMatchObject({ ok: true });
  });
});

