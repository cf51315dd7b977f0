/**
 * The server CLI as a child process — the built bundle, as `npm run serve` runs it, with the
 * core's worker built beside it (`npm test` builds first): the one line it prints, clean
 * shutdown on SIGTERM, and exit code 1 for a locked folder or a taken port.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../src-main/core/index';

const CLI = fileURLToPath(new URL('../../../out/main/server.js', import.meta.url));
const READY_LINE = /^Quantified Self is running at (http:\/\/127\.0\.0\.1:(\d+)\/)$/m;

interface Child {
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
  readonly kill: (signal: NodeJS.Signals) => void;
  /** Resolves with the URL once the ready line appears; rejects if the child exits first. */
  readonly ready: Promise<string>;
}

function runCli(args: string[]): Child {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, QS_DATA_DIR: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = READY_LINE.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // Tests that expect a failed start never await `ready`; its rejection is not an error.
  ready.catch(() => undefined);
  return { stdout: () => out, stderr: () => err, exited, kill: (signal) => child.kill(signal), ready };
}

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'qs-cli-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('server CLI', () => {
  it('prints exactly one ready line, serves the API, and shuts down cleanly on SIGTERM', async () => {
    const child = runCli(['--port', '0', '--data-dir', dataDir]);
    const url = await child.ready;
    const response = await fetch(new URL('/api/session', url));
    expect(await response.json()).toEqual({ ok: true, value: { profile: null } });
    child.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.stdout().trim().split('\n')).toHaveLength(1);
    // The lock was released: the folder opens again.
    const core = await openCore({ dataDir });
    await core.close();
  });

  it('exits with code 1 and a clear message when the data folder is locked', async () => {
    const core = await openCore({ dataDir });
    try {
      const child = runCli(['--port', '0', '--data-dir', dataDir]);
      expect(await child.exited).toBe(1);
      expect(child.stderr()).toMatch(/data folder is in use/);
      expect(child.stdout()).toBe('');
    } finally {
      await core.close();
    }
  });

  it('exits with code 1 and a clear message when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const child = runCli(['--port', String(port), '--data-dir', dataDir]);
      expect(await child.exited).toBe(1);
      expect(child.stderr()).toContain(`Port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits with code 1 and the usage on an unknown flag', async () => {
    const child = runCli(['--bogus']);
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toMatch(/Usage:/);
  });
});
