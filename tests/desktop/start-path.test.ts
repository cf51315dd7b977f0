/**
 * The start path: `npm start`, `npm run dev` and `npm run dist` fetch the Electron runtime
 * first when it is missing (scripts/electron-runtime.mjs), and a failed download ends in one
 * clear sentence, not a stack trace. The pure decisions are tested from their inputs; then
 * `npm start` itself runs in a temporary copy of the project whose `electron` package has no
 * runtime, as on a fresh machine, with ELECTRON_MIRROR at a closed local port so Electron's
 * real installer fails at once. The project's own node_modules/electron is never used.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP_NODE,
  ELECTRON_INSTALL_DOCS,
  atLeast,
  decide,
  installFailureMessage,
  installerReason,
  nodeSupport,
  runtimeState,
} from '../../scripts/electron-runtime.mjs';
import type { RuntimeFacts } from '../../scripts/electron-runtime.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ELECTRON_DIR = join(ROOT, 'node_modules/electron');
const ELECTRON_VERSION = (JSON.parse(await readFile(join(ELECTRON_DIR, 'package.json'), 'utf8')) as { version: string }).version;

const presentFacts: RuntimeFacts = {
  packageVersion: '45.5.0',
  pathTxt: 'electron',
  distVersion: 'v45.5.0',
  executableExists: true,
  execPathOverride: null,
  overrideExists: false,
};

describe('the Node.js version', () => {
  it.each([
    ['22.12.0', '22.12.0', true],
    ['22.11.9', '22.12.0', false],
    ['v24.1.0', '22.12.0', true],
    ['22.12.1', '22.12.0', true],
    ['20.19.0', '22.12.0', false],
    ['not a version', '22.12.0', false],
  ])('%s is at least %s: %s', (version, floor, expected) => {
    expect(atLeast(version, floor)).toBe(expected);
  });

  it.each([
    ['24.0.0', 'desktop'],
    ['22.12.0', 'desktop'],
    ['22.11.0', 'too-old'],
    ['21.7.3', 'too-old'],
    ['20.19.0', 'tools'],
    ['20.20.2', 'tools'],
    ['20.18.3', 'too-old'],
    ['18.20.4', 'too-old'],
    ['', 'too-old'],
  ])('Node.js %s carries %s', (version, expected) => {
    expect(nodeSupport(version)).toBe(expected);
  });
});

describe('whether the runtime is present', () => {
  it('is present when path.txt, dist/version of this version and the executable are there', () => {
    expect(runtimeState(presentFacts)).toEqual({ kind: 'present' });
    expect(runtimeState({ ...presentFacts, distVersion: '45.5.0\n' })).toEqual({ kind: 'present' });
  });

  it.each([
    ['without path.txt (a fresh install)', { pathTxt: null }, 'absent'],
    ['without dist/version', { distVersion: null }, 'incomplete'],
    ['without the executable', { executableExists: false }, 'incomplete'],
    ['with the runtime of another version', { distVersion: 'v44.0.0' }, 'other-version'],
  ])('is missing %s', (_name, change, why) => {
    expect(runtimeState({ ...presentFacts, ...change })).toEqual({ kind: 'missing', why });
  });

  it("follows ELECTRON_EXEC_PATH, electron-vite's own override, instead of path.txt", () => {
    const absent = { ...presentFacts, pathTxt: null };
    expect(runtimeState({ ...absent, execPathOverride: '/opt/electron/electron', overrideExists: true })).toEqual({ kind: 'present' });
    expect(runtimeState({ ...presentFacts, execPathOverride: '/nowhere/electron', overrideExists: false })).toEqual({
      kind: 'override-missing',
      path: '/nowhere/electron',
    });
  });
});

describe('what to do before start, dev and dist', () => {
  const present = { kind: 'present' } as const;
  const missing = { kind: 'missing', why: 'absent' } as const;

  it('does nothing when the runtime is present, on Node 20 too: nothing of start needs the newer Node then', () => {
    for (const command of ['start', 'dev'] as const) {
      expect(decide({ command, nodeVersion: '24.11.0', runtime: present })).toEqual({ kind: 'ready' });
      expect(decide({ command, nodeVersion: '20.19.0', runtime: present })).toEqual({ kind: 'ready' });
    }
    expect(decide({ command: 'dist', nodeVersion: '22.12.0', runtime: present })).toEqual({ kind: 'ready' });
  });

  it('installs a missing runtime, naming an older Node.js in a note but still trying', () => {
    expect(decide({ command: 'start', nodeVersion: '22.12.0', runtime: missing })).toEqual({ kind: 'install', note: null });
    expect(decide({ command: 'dist', nodeVersion: '24.0.0', runtime: { kind: 'missing', why: 'other-version' } })).toEqual({
      kind: 'install',
      note: null,
    });
    const onNode20 = decide({ command: 'dev', nodeVersion: '20.19.0', runtime: missing });
    expect(onNode20.kind).toBe('install');
    expect(onNode20.kind === 'install' ? onNode20.note : null).toBe(
      `Node.js 20.19.0 is older than the ${DESKTOP_NODE} Electron's installer asks for; trying it anyway.`,
    );
  });

  it('refuses dist below Node.js 22.12, whatever the runtime: electron-builder 26 needs it', () => {
    for (const runtime of [present, missing]) {
      expect(decide({ command: 'dist', nodeVersion: '20.20.2', runtime })).toEqual({
        kind: 'refuse',
        message:
          '`npm run dist` needs Node.js 22.12.0 or later for electron-builder, and this is Node.js 20.20.2: install a newer Node.js (https://nodejs.org/) and run it again.',
      });
    }
  });

  it.each(['18.20.4', '21.7.3', 'v22.11.0'])('refuses start on Node.js %s, where its tools do not run', (nodeVersion) => {
    const decision = decide({ command: 'start', nodeVersion, runtime: present });
    expect(decision).toEqual({
      kind: 'refuse',
      message: `\`npm start\` needs Node.js 22.12.0 or later for the desktop app, and this is Node.js ${nodeVersion.replace(/^v/, '')}: install a newer Node.js (https://nodejs.org/) and run it again.`,
    });
  });

  it('refuses an ELECTRON_EXEC_PATH that does not exist rather than download a runtime it would not use', () => {
    const decision = decide({ command: 'dev', nodeVersion: '22.12.0', runtime: { kind: 'override-missing', path: '/nowhere/electron' } });
    expect(decision).toEqual({
      kind: 'refuse',
      message:
        'ELECTRON_EXEC_PATH is set to /nowhere/electron, which does not exist: point it at an Electron executable, or unset it to let `npm run dev` download the runtime.',
    });
  });
});

describe('the message when the installer fails', () => {
  const fetchFailed = {
    code: 1,
    signal: null,
    errorText: 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (file:///x/FetchDownloader.js:46:30)\n',
  };

  it("is one line with the installer's reason, the retry, the mirror and cache variables and Electron's guide", () => {
    const message = installFailureMessage({ command: 'start', electronVersion: '45.5.0', exit: fetchFailed });
    expect(message).toBe(
      'Could not fetch the Electron 45.5.0 runtime (fetch failed): check the network connection and run `npm start` again, ' +
        "or set ELECTRON_MIRROR to a mirror of Electron's releases or electron_config_cache to a cache folder that already holds it " +
        `(${ELECTRON_INSTALL_DOCS}).`,
    );
  });

  it.each([
    [fetchFailed, 'fetch failed'],
    [
      { code: 1, signal: null, errorText: 'HTTPError: Response code 404 (Not Found) for https://mirror.test/v45.5.0/electron-v45.5.0-linux-x64.zip\n    at x\n' },
      'Response code 404 (Not Found) for https://mirror.test/v45.5.0/electron-v45.5.0-linux-x64.zip',
    ],
    [{ code: 1, signal: null, errorText: 'Error [ERR_REQUIRE_ESM]: require() of ES Module\n' }, 'require() of ES Module'],
    [
      { code: 1, signal: null, errorText: 'Error: Generated checksum for "electron.zip" did not match expected checksum.\n    at x\n' },
      'Generated checksum for "electron.zip" did not match expected checksum',
    ],
    [{ code: 7, signal: null, errorText: '' }, 'its installer exited with code 7'],
    [{ code: null, signal: 'SIGTERM', errorText: '\n' }, 'its installer was stopped by SIGTERM'],
  ])('keeps the reason and drops the error class and stack (%#)', (exit, reason) => {
    expect(installerReason(exit)).toBe(reason);
  });
});

/** The closed local port: nothing listens there once the server is closed. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}

/**
 * A copy of the project as far as the start path reaches: package.json (its real scripts),
 * the script, and the `electron` package's own files without any runtime; @electron/get and
 * the zip extractor are linked from the real node_modules.
 */
async function makeProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'qs-start-path-'));
  await mkdir(join(dir, 'scripts'));
  await mkdir(join(dir, 'node_modules/electron'), { recursive: true });
  await copyFile(join(ROOT, 'package.json'), join(dir, 'package.json'));
  await copyFile(join(ROOT, 'scripts/electron-runtime.mjs'), join(dir, 'scripts/electron-runtime.mjs'));
  for (const file of ['package.json', 'install.js', 'index.js', 'checksums.json']) {
    await copyFile(join(ELECTRON_DIR, file), join(dir, 'node_modules/electron', file));
  }
  for (const scope of ['@electron', '@electron-internal']) {
    await symlink(join(ROOT, 'node_modules', scope), join(dir, 'node_modules', scope), 'dir');
  }
  await writeFile(join(dir, 'empty.npmrc'), '');
  return dir;
}

/**
 * The environment of a person who set nothing Electron-related, with the download pointed
 * at `mirror`: inherited ELECTRON_* and npm electron settings (which @electron/get reads
 * before ELECTRON_MIRROR) are dropped, and npm reads no user .npmrc.
 */
function cleanEnv(project: string, mirror: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(electron_|npm_config_electron|npm_package_config_electron)/i.test(key)) env[key] = value;
  }
  return {
    ...env,
    ELECTRON_MIRROR: mirror,
    electron_config_cache: join(project, 'electron-cache'),
    npm_config_userconfig: join(project, 'empty.npmrc'),
    npm_config_update_notifier: 'false',
  };
}

/** Runs a command in the project and resolves once it has exited, with all it printed. */
function run(project: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const STACK_FRAME = /^\s+at /m;
const onNode20 = nodeSupport(process.versions.node) === 'tools';

describe('the start path with the runtime absent, as on a fresh machine', () => {
  let project: string;
  let deadMirror: string;
  let notFoundMirror: string;
  const notFound = createHttpServer((_request, response) => response.writeHead(404).end());

  beforeAll(async () => {
    project = await makeProject();
    deadMirror = `http://127.0.0.1:${await closedPort()}/`;
    await new Promise<void>((resolve) => notFound.listen(0, '127.0.0.1', resolve));
    notFoundMirror = `http://127.0.0.1:${(notFound.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => notFound.close(() => resolve()));
    await rm(project, { recursive: true, force: true });
  });

  it(
    '`npm start` tries the download, then stops with one clear sentence and no stack trace',
    async () => {
      const { code, output } = await run(project, 'npm', ['start'], cleanEnv(project, deadMirror));
      expect(code).toBe(1);
      expect(output).toContain(`Downloading the Electron ${ELECTRON_VERSION} runtime`);
      expect(output).toContain(
        `Could not fetch the Electron ${ELECTRON_VERSION} runtime (fetch failed): check the network connection and run \`npm start\` again, ` +
          "or set ELECTRON_MIRROR to a mirror of Electron's releases or electron_config_cache to a cache folder that already holds it " +
          `(${ELECTRON_INSTALL_DOCS}).\n`,
      );
      expect(output).not.toMatch(STACK_FRAME);
      expect(output).not.toContain('TypeError');
      // electron-vite never ran: the start script stopped first.
      expect(output).not.toContain('Electron uninstall');
      if (onNode20) expect(output).toContain(`Node.js ${process.versions.node} is older than the ${DESKTOP_NODE}`);
      else expect(output).not.toContain('is older than');
      expect(existsSync(join(project, 'node_modules/electron/path.txt'))).toBe(false);
      expect(existsSync(join(project, 'node_modules/electron/dist'))).toBe(false);
    },
    60_000,
  );

  it(
    "`npm run dev` names the mirror's answer when the mirror lacks the runtime",
    async () => {
      const { code, output } = await run(project, 'npm', ['run', 'dev'], cleanEnv(project, notFoundMirror));
      expect(code).toBe(1);
      expect(output).toContain(
        `Could not fetch the Electron ${ELECTRON_VERSION} runtime (Response code 404 (Not Found) for ${notFoundMirror}v${ELECTRON_VERSION}/electron-v${ELECTRON_VERSION}-`,
      );
      expect(output).toContain('run `npm run dev` again');
      expect(output).not.toMatch(STACK_FRAME);
    },
    60_000,
  );

  it.runIf(!atLeast(process.versions.node, DESKTOP_NODE))(
    '`npm run dist` on an older Node.js says which it found and which it needs, before any download',
    async () => {
      const { code, output } = await run(project, 'npm', ['run', 'dist'], cleanEnv(project, deadMirror));
      expect(code).toBe(1);
      expect(output).toContain(
        `\`npm run dist\` needs Node.js ${DESKTOP_NODE} or later for electron-builder, and this is Node.js ${process.versions.node}: `,
      );
      expect(output).not.toContain('Downloading');
    },
    60_000,
  );
});

/**
 * A mirror that has "the runtime": a small zip laid out as Electron's (the executable under
 * each platform's name, and `version`), with its SHASUMS256.txt, so Electron's installer
 * downloads, checks and unpacks it as it would the real one. Counts the requests.
 */
function fakeMirror(): { server: Server; requests: string[] } {
  const zip = zipSync({
    electron: strToU8('#!/bin/sh\n'),
    'electron.exe': strToU8(''),
    'Electron.app/Contents/MacOS/Electron': strToU8(''),
    version: strToU8(`v${ELECTRON_VERSION}`),
  });
  const sha256 = createHash('sha256').update(zip).digest('hex');
  const requests: string[] = [];
  const server = createHttpServer((request, response) => {
    const url = request.url ?? '';
    requests.push(url);
    const name = url.slice(url.lastIndexOf('/') + 1);
    if (name === 'SHASUMS256.txt') {
      const artifacts = ['linux', 'darwin', 'win32'].flatMap((platform) =>
        ['x64', 'arm64'].map((arch) => `${sha256} *electron-v${ELECTRON_VERSION}-${platform}-${arch}.zip`),
      );
      response.writeHead(200).end(`${artifacts.join('\n')}\n`);
    } else if (name.endsWith('.zip')) {
      response.writeHead(200, { 'content-length': String(zip.length) }).end(zip);
    } else {
      response.writeHead(404).end();
    }
  });
  return { server, requests };
}

describe('the start path when the download works', () => {
  let project: string;
  const mirror = fakeMirror();
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    project = await makeProject();
    await new Promise<void>((resolve) => mirror.server.listen(0, '127.0.0.1', resolve));
    // The fake zip is not in the package's checksums.json: the installer checks it against
    // the mirror's SHASUMS256.txt instead, as Electron's installer allows.
    env = {
      ...cleanEnv(project, `http://127.0.0.1:${(mirror.server.address() as AddressInfo).port}/`),
      electron_use_remote_checksums: '1',
    };
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => mirror.server.close(() => resolve()));
    await rm(project, { recursive: true, force: true });
  });

  it(
    "installs the runtime with Electron's installer, and the next start does nothing and prints nothing",
    async () => {
      const script = join(project, 'scripts/electron-runtime.mjs');
      const first = await run(project, process.execPath, [script, 'start'], env);
      expect(first.code).toBe(0);
      expect(first.output).toContain(`Electron ${ELECTRON_VERSION} runtime ready.`);
      expect(mirror.requests.some((url) => url.endsWith('.zip'))).toBe(true);
      // What electron-vite reads: path.txt naming the executable inside dist/.
      const pathTxt = await readFile(join(project, 'node_modules/electron/path.txt'), 'utf8');
      expect(existsSync(join(project, 'node_modules/electron/dist', pathTxt))).toBe(true);

      const before = mirror.requests.length;
      const second = await run(project, process.execPath, [script, 'start'], env);
      expect({ code: second.code, output: second.output }).toEqual({ code: 0, output: '' });
      expect(mirror.requests.length).toBe(before);
    },
    60_000,
  );
});
