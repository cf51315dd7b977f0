/**
 * Browser mode's notifier: a nudge through node-notifier, and every way the system can fail
 * to show it reported as "not shown" with a reason — never thrown, never hanging. Some cases
 * run the real node-notifier against a stand-in `notify-send` script on PATH.
 */
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodeNotifier from 'node-notifier';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Nudge } from '../../../src-main/core/services/notifier';
import { createHostNotifier, NOTIFY_TIMEOUT_MS, type SystemNotifier } from '../../../src-main/server/jobs/host-notifier';

const NUDGE: Nudge = { profileId: 'p-1', title: 'Time to log', body: 'Sleep and Water have no entry today.', trackerIds: ['t-1', 't-2'], actions: ['snooze'] };

const folders: string[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A system notifier answering as told, and what it was asked. */
function system(answer: (callback: (error: Error | null, response: unknown) => void) => void): SystemNotifier & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    notify(notification, callback) {
      asked.push(notification);
      answer(callback);
      return undefined;
    },
  };
}

describe('the host’s notifier', () => {
  it('shows the core’s title and body, and says so', async () => {
    const shown = system((callback) => callback(null, ''));
    expect(await createHostNotifier({ system: shown }).notify(NUDGE)).toEqual({ shown: true });
    expect(shown.asked).toEqual([{ title: 'Time to log', message: 'Sleep and Water have no entry today.', wait: false }]);
  });

  it('takes control characters out of the text, and says the title where the body is empty', async () => {
    const shown = system((callback) => callback(null, ''));
    await createHostNotifier({ system: shown }).notify({ ...NUDGE, title: 'Time\u0007 to\nlog', body: '' });
    expect(shown.asked).toEqual([{ title: 'Time  to log', message: 'Time  to log', wait: false }]);
  });

  it('reports a system that refused, one that threw, and one that never answered — and throws nothing', async () => {
    const refused = createHostNotifier({ system: system((callback) => callback(new Error('Could not connect to the notification daemon'), '')) });
    expect(await refused.notify(NUDGE)).toEqual({ shown: false, reason: 'The nudge was not shown on this computer: Could not connect to the notification daemon.' });

    const threw = createHostNotifier({ system: system(() => { throw new TypeError('spawn EACCES'); }) });
    expect(await threw.notify(NUDGE)).toEqual({ shown: false, reason: 'The nudge was not shown on this computer: spawn EACCES.' });

    vi.useFakeTimers();
    const silent = createHostNotifier({ system: system(() => undefined) });
    const delivery = silent.notify(NUDGE);
    await vi.advanceTimersByTimeAsync(NOTIFY_TIMEOUT_MS);
    expect(await delivery).toEqual({ shown: false, reason: 'The nudge was not shown on this computer: the system did not answer within 10 s.' });
  });

  it('answers once, even when the system calls back twice', async () => {
    const twice = createHostNotifier({
      system: system((callback) => {
        callback(null, '');
        callback(new Error('late'), '');
      }),
    });
    expect(await twice.notify(NUDGE)).toEqual({ shown: true });
  });

  it('refuses a malformed nudge with PORT_INPUT_INVALID and asks the system nothing', async () => {
    const shown = system((callback) => callback(null, ''));
    await expect(createHostNotifier({ system: shown }).notify({ ...NUDGE, actions: ['explode'] } as unknown as Nudge)).rejects.toMatchObject({ code: 'PORT_INPUT_INVALID' });
    expect(shown.asked).toEqual([]);
  });
});

describe('the real node-notifier (Linux, notify-send)', () => {
  /** A folder on PATH holding a stand-in notify-send: `script` is its shell body. */
  async function notifySend(script: string): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'qs-notify-send-'));
    folders.push(folder);
    await writeFile(join(folder, 'notify-send'), `#!/bin/sh\n${script}\n`);
    await chmod(join(folder, 'notify-send'), 0o755);
    vi.stubEnv('PATH', `${folder}:${process.env['PATH'] ?? ''}`);
    return folder;
  }

  // The installed check is skipped (suppressOsdCheck): node-notifier remembers its first answer per process.
  const realNotifySend = (): SystemNotifier => new nodeNotifier.NotifySend({ suppressOsdCheck: true } as ConstructorParameters<typeof nodeNotifier.NotifySend>[0]);

  it.runIf(process.platform === 'linux')('reports notify-send failing without a notification daemon', async () => {
    await notifySend('echo "Failed to connect to the notification daemon" >&2; exit 1');
    const delivery = await createHostNotifier({ system: realNotifySend() }).notify(NUDGE);
    expect(delivery).toMatchObject({ shown: false, reason: expect.stringContaining('Failed to connect to the notification daemon') });
  });

  it.runIf(process.platform === 'linux')('hands notify-send a tracker name with shell characters as text, never as a command', async () => {
    const folder = await notifySend('printf "%s\\n" "$@" > "$(dirname "$0")/args"');
    const marker = join(folder, 'ran');
    const title = `Time to log $(touch ${marker}) \`touch ${marker}\` "quoted"`;
    expect(await createHostNotifier({ system: realNotifySend() }).notify({ ...NUDGE, title })).toEqual({ shown: true });
    expect((await readFile(join(folder, 'args'), 'utf8')).split('\n')[0]).toBe(title);
    await expect(stat(marker)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  // Last on purpose: node-notifier then remembers for the rest of the process that notify-send is missing.
  it.runIf(process.platform === 'linux')('on a machine without notify-send, says so', async () => {
    vi.stubEnv('PATH', '/nonexistent');
    const delivery = await createHostNotifier({ system: new nodeNotifier.NotifySend() }).notify(NUDGE);
    expect(delivery).toEqual({ shown: false, reason: 'The nudge was not shown on this computer: no notification service was found (notify-send is not installed).' });
  });
});
