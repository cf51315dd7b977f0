/**
 * The core's thread: opens the core over the data folder (whose lock the host holds), then
 * answers the host's messages (channel.ts). Work in here may block as long as it likes —
 * reads are synchronous, an export runs start to end — because no window, menu or HTTP
 * connection waits on this thread. What the core needs from the shell (keychain, notifier,
 * printer) it asks over the same channel (port-proxies.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Dispatched, Session } from '../core/dispatch';
import { dispatch } from '../core/dispatch';
import { AppFailure } from '../core/errors';
import { openCore, type Core } from '../core/index';
import { NudgeSnoozes } from '../core/services/nudge-snoozes';
import { warmingAfterLogIn } from '../core/warm-up';
import { dispatchJson } from './core-client';
import type { AutoLockNote, Controls, ControlName, FromWorker, ToWorker, WorkerSetup } from './channel';
import { portCaller, portsOverChannel } from './port-proxies';
import { version as appVersion } from '../../package.json';

if (parentPort === null) throw new Error('core-worker.ts runs only as a worker thread (see core-host.ts).');
const host = parentPort;
const setup = workerData as WorkerSetup;
const post = (message: FromWorker): void => host.postMessage(message);

const shell = portCaller(post);
/** The shell's ports as the core calls them; the job runner (core/jobs/runner.ts) takes the notifier and printer from here. */
const ports = portsOverChannel(shell.call);
/** Nudges the person snoozed, for the job runner (nudge-snoozes.ts). */
const snoozes = new NudgeSnoozes();

function autoLocksOf(core: Core, sessions: readonly (Session | null)[]): AutoLockNote[] {
  const profileIds = new Set(sessions.flatMap((session) => (session === null ? [] : [session.profileId])));
  return [...profileIds].map((profileId) => ({ profileId, minutes: core.autoLockMinutes(profileId) }));
}

async function runControl(core: Core, control: ControlName, input: Controls[ControlName]['input']): Promise<unknown> {
  const profileId = 'profileId' in input ? input.profileId : '';
  switch (control) {
    case 'lockProfile':
      core.lockProfile(profileId);
      return null;
    case 'unlockRemembered':
      return core.unlockRemembered(profileId);
    case 'checkAccess': {
      const { accessToken, method } = input as Controls['checkAccess']['input'];
      return core.checkAccess(profileId, accessToken, method);
    }
    case 'warmUp':
      core.warmUp(profileId);
      return null;
    case 'snoozeNudge': {
      const { trackerIds, until } = input as Controls['snoozeNudge']['input'];
      snoozes.snooze(profileId, trackerIds, until);
      return null;
    }
    case 'lookForJobs':
      core.lookForJobs();
      return null;
    case 'close':
      await core.close();
      return null;
  }
}

async function serve(core: Core): Promise<void> {
  const handlers = warmingAfterLogIn(core.handlers, (profileId) => core.warmUp(profileId));
  host.on('message', (message: ToWorker) => {
    switch (message.kind) {
      case 'call':
      case 'call-json': {
        const answering =
          message.kind === 'call'
            ? dispatch(handlers, message.method, message.input, message.session)
            : dispatchJson(handlers, message.method, message.body, message.params, message.session);
        void answering.then((dispatched: Dispatched) =>
          post({ kind: 'answer', id: message.id, dispatched, autoLocks: autoLocksOf(core, [message.session, dispatched.session]) }),
        );
        return;
      }
      case 'control':
        void runControl(core, message.control, message.input).then((value) => {
          const profileId = 'profileId' in message.input ? message.input.profileId : null;
          post({ kind: 'control-answer', id: message.id, value, autoLocks: profileId === null ? [] : autoLocksOf(core, [{ profileId }]) });
          // Closed: nothing is left to do, and the host is waiting for this thread to end.
          if (message.control === 'close') host.close();
        });
        return;
      case 'port-answer':
        shell.settle(message);
        return;
    }
  });
}

openCore({
  dataDir: setup.dataDir,
  // Bundled at build time: every backup's manifest names the version that made it.
  appVersion,
  folderLockHeldByHost: true,
  ...(setup.scrypt === undefined ? {} : { scrypt: setup.scrypt }),
  ...(setup.exportRowsPerPart === undefined ? {} : { exportRowsPerPart: setup.exportRowsPerPart }),
  ...(setup.ports.includes('keychain') ? { keychain: ports.keychain } : {}),
  // A shell that lends a notifier or a printer gets the background jobs (core/jobs/runner.ts).
  ...(setup.ports.includes('notifier') || setup.ports.includes('printer')
    ? { jobs: { notifier: setup.ports.includes('notifier') ? ports.notifier : null, printer: setup.ports.includes('printer') ? ports.printer : null, snoozes } }
    : {}),
  onJobProgress: (profileId, job) => post({ kind: 'progress', profileId, job }),
}).then(
  async (core) => {
    await serve(core);
    post({ kind: 'opened' });
  },
  (error: unknown) => {
    post({ kind: 'open-failed', code: error instanceof AppFailure ? error.code : null, message: error instanceof Error ? error.message : String(error) });
    host.close();
  },
);
