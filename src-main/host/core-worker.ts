/**
 * The core's thread: opens the core over the data folder (whose lock the host holds), then
 * answers the host's messages (channel.ts). Work in here may block as long as it likes —
 * reads are synchronous, an export runs start to end — because no window, menu or HTTP
 * connection waits on this thread. What the core needs from the shell (the keychain) it
 * asks over the same channel.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Dispatched, Session } from '../core/dispatch';
import { dispatch } from '../core/dispatch';
import { AppFailure } from '../core/errors';
import { openCore, type Core } from '../core/index';
import type { Keychain } from '../core/services/keychain';
import { warmingAfterLogIn } from '../core/warm-up';
import { dispatchJson } from './core-client';
import type { AutoLockNote, Controls, ControlName, FromWorker, PortCall, ToWorker, WorkerSetup } from './channel';

if (parentPort === null) throw new Error('core-worker.ts runs only as a worker thread (see core-host.ts).');
const host = parentPort;
const setup = workerData as WorkerSetup;
const post = (message: FromWorker): void => host.postMessage(message);

/** Calls to the shell's ports still waiting for their answers. */
const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let nextPortCall = 0;

function callShell(call: PortCall): Promise<unknown> {
  const id = (nextPortCall += 1);
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    post({ kind: 'port-call', id, ...call });
  });
}

/** A Buffer crosses the thread as a plain Uint8Array. */
const asBuffer = (value: unknown): Buffer | null => (value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : null);

const keychainOverChannel: Keychain = {
  availability: () => callShell({ port: 'keychain', method: 'availability', args: [] }) as ReturnType<Keychain['availability']>,
  save: async (profileId, dataKey) => void (await callShell({ port: 'keychain', method: 'save', args: [profileId, dataKey] })),
  load: async (profileId) => asBuffer(await callShell({ port: 'keychain', method: 'load', args: [profileId] })),
  forget: async (profileId) => void (await callShell({ port: 'keychain', method: 'forget', args: [profileId] })),
};

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
    case 'warmUp':
      core.warmUp(profileId);
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
      case 'port-answer': {
        const call = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.ok) call?.resolve(message.value);
        else call?.reject(new Error(message.message));
        return;
      }
    }
  });
}

openCore({
  dataDir: setup.dataDir,
  folderLockHeldByHost: true,
  ...(setup.scrypt === undefined ? {} : { scrypt: setup.scrypt }),
  ...(setup.exportRowsPerPart === undefined ? {} : { exportRowsPerPart: setup.exportRowsPerPart }),
  ...(setup.ports.includes('keychain') ? { keychain: keychainOverChannel } : {}),
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
