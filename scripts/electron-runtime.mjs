// @ts-check
/**
 * Makes sure the Electron runtime is on disk before `npm start`, `npm run dev` and
 * `npm run dist` (usage: `node scripts/electron-runtime.mjs start|dev|dist`).
 *
 * Since Electron 42 the `electron` package downloads its runtime on first use instead of at
 * install time, while electron-vite only reads `node_modules/electron/path.txt` and throws
 * "Electron uninstall" when it is missing, so `npm install && npm start` failed on every
 * fresh machine. When the runtime is missing this runs Electron's own idempotent installer
 * (`node_modules/electron/install.js`, which honours ELECTRON_MIRROR, electron_config_cache
 * and the other @electron/get variables) and, if that fails, says so in one sentence.
 *
 * Plain Node ESM without dependencies: it must run before any build and without tsx.
 * The decisions are pure exported functions (tests/desktop/start-path.test.ts); `main` is
 * the thin I/O around them.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Node.js the desktop app's tools declare: Electron 45's installer (@electron/get 5,
 * @electron-internal/extract-zip) and electron-builder 26's @electron/rebuild 4 and node-abi 4.
 */
export const DESKTOP_NODE = '22.12.0';

/** Electron's page on installing the runtime: mirrors, caches, proxies. */
export const ELECTRON_INSTALL_DOCS = 'https://www.electronjs.org/docs/latest/tutorial/installation#custom-mirrors-and-caches';

/** @typedef {'start' | 'dev' | 'dist'} Command */

/**
 * What is on disk, as read by {@link readRuntimeFacts}.
 * @typedef {object} RuntimeFacts
 * @property {string} packageVersion the `electron` package's version
 * @property {string | null} pathTxt `node_modules/electron/path.txt`, the executable's path inside `dist/`
 * @property {string | null} distVersion `node_modules/electron/dist/version`
 * @property {boolean} executableExists whether `dist/<pathTxt>` exists
 * @property {string | null} execPathOverride ELECTRON_EXEC_PATH, which electron-vite runs instead of path.txt
 * @property {boolean} overrideExists whether that file exists
 */

/**
 * @typedef {{ kind: 'present' }
 *   | { kind: 'missing', why: 'absent' | 'other-version' | 'incomplete' }
 *   | { kind: 'override-missing', path: string }} RuntimeState
 */

/**
 * @typedef {{ kind: 'ready' }
 *   | { kind: 'install', note: string | null }
 *   | { kind: 'refuse', message: string }} Decision
 */

/**
 * How the installer ended: its exit code or signal, and what it wrote with console.error.
 * @typedef {{ code: number | null, signal: string | null, errorText: string }} InstallerExit
 */

/** @type {readonly Command[]} */
export const COMMANDS = ['start', 'dev', 'dist'];

/**
 * `npm start`, `npm run dev`, `npm run dist`: what a person typed, for messages.
 * @param {Command} command
 */
export function npmCommand(command) {
  return command === 'start' ? 'npm start' : `npm run ${command}`;
}

/**
 * `[major, minor, patch]` of "20.19.0" or "v22.12.1", or null when it is not a version.
 * @param {string} version
 * @returns {[number, number, number] | null}
 */
export function parseVersion(version) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

/**
 * Whether `version` is `floor` or later (both "x.y.z"); a version that does not parse is not.
 * @param {string} version
 * @param {string} floor
 */
export function atLeast(version, floor) {
  const have = parseVersion(version);
  const need = parseVersion(floor);
  if (!have || !need) return false;
  for (let i = 0; i < 3; i += 1) {
    if (have[i] !== need[i]) return /** @type {number} */ (have[i]) > /** @type {number} */ (need[i]);
  }
  return true;
}

/**
 * How far this Node.js carries the desktop app:
 * - `desktop`: 22.12 or later, what every desktop tool declares;
 * - `tools`: 20.19 to 20.x, where electron-vite 6 and vite 8 run (they declare
 *   `^20.19.0 || >=22.12.0`) and so does Electron's installer, though it declares 22.12:
 *   its ESM-only @electron/get loads through `require(esm)`, on by default since 20.19;
 * - `too-old`: anything else (21.x and 22.0–22.11 lack that `require(esm)` too).
 * @param {string} version
 * @returns {'desktop' | 'tools' | 'too-old'}
 */
export function nodeSupport(version) {
  if (atLeast(version, DESKTOP_NODE)) return 'desktop';
  const parsed = parseVersion(version);
  if (parsed && parsed[0] === 20 && atLeast(version, '20.19.0')) return 'tools';
  return 'too-old';
}

/**
 * Whether the runtime electron-vite will run is there. Mirrors the check of Electron's
 * install.js (path.txt, dist/version, the executable) so that "present" here means its
 * installer would do nothing either.
 * @param {RuntimeFacts} facts
 * @returns {RuntimeState}
 */
export function runtimeState(facts) {
  if (facts.execPathOverride) {
    return facts.overrideExists ? { kind: 'present' } : { kind: 'override-missing', path: facts.execPathOverride };
  }
  if (!facts.pathTxt) return { kind: 'missing', why: 'absent' };
  if (facts.distVersion === null || !facts.executableExists) return { kind: 'missing', why: 'incomplete' };
  if (facts.distVersion.trim().replace(/^v/, '') !== facts.packageVersion) return { kind: 'missing', why: 'other-version' };
  return { kind: 'present' };
}

/**
 * What to do before `command`, from the Node.js version and the runtime's state.
 *
 * The Node check comes first but refuses only what truly needs a newer Node: `dist` below
 * 22.12 (electron-builder 26 builds with @electron/rebuild 4 and node-abi 4, which declare it),
 * and every command on a Node where its tools do not load at all (`too-old`). For `start`
 * and `dev` on 20.19+, a runtime already on disk needs nothing more of the system Node
 * (Electron brings its own; electron-vite runs there), and Electron's installer runs there
 * though it declares 22.12 (on 20.20.2 @electron/get loads and downloads, and the zip
 * extractor's native binding unpacks), so an older Node is named in a note and the download
 * is still tried. Refusing would stop a download that works; and this order lets the tests,
 * on this project's Node 20, exercise the real installer and its real failure.
 * @param {{ command: Command, nodeVersion: string, runtime: RuntimeState }} input
 * @returns {Decision}
 */
export function decide({ command, nodeVersion, runtime }) {
  const support = nodeSupport(nodeVersion);
  if (support === 'too-old' || (command === 'dist' && support !== 'desktop')) {
    const tool = command === 'dist' ? 'electron-builder' : 'the desktop app';
    return {
      kind: 'refuse',
      message: `\`${npmCommand(command)}\` needs Node.js ${DESKTOP_NODE} or later for ${tool}, and this is Node.js ${nodeVersion.replace(/^v/, '')}: install a newer Node.js (https://nodejs.org/) and run it again.`,
    };
  }
  if (runtime.kind === 'override-missing') {
    return {
      kind: 'refuse',
      message: `ELECTRON_EXEC_PATH is set to ${runtime.path}, which does not exist: point it at an Electron executable, or unset it to let \`${npmCommand(command)}\` download the runtime.`,
    };
  }
  if (runtime.kind === 'present') return { kind: 'ready' };
  return {
    kind: 'install',
    note:
      support === 'desktop'
        ? null
        : `Node.js ${nodeVersion.replace(/^v/, '')} is older than the ${DESKTOP_NODE} Electron's installer asks for; trying it anyway.`,
  };
}

/**
 * The installer's own words for why it failed, without the error's class, stack or final
 * full stop (the reason sits inside a sentence): "TypeError: fetch failed\n    at …" gives
 * "fetch failed".
 * @param {InstallerExit} exit
 */
export function installerReason(exit) {
  const first = exit.errorText
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('at '));
  if (first) return first.replace(/^[A-Za-z]*Error(?: \[[A-Z_]+\])?: /, '').replace(/\.$/, '');
  if (exit.signal) return `its installer was stopped by ${exit.signal}`;
  return `its installer exited with code ${exit.code ?? 'unknown'}`;
}

/**
 * The one sentence shown when the runtime could not be installed: what failed, how to
 * retry, the variables for a mirror or a cache, and where Electron documents them.
 * @param {{ command: Command, electronVersion: string, exit: InstallerExit }} input
 */
export function installFailureMessage({ command, electronVersion, exit }) {
  return (
    `Could not fetch the Electron ${electronVersion} runtime (${installerReason(exit)}): ` +
    `check the network connection and run \`${npmCommand(command)}\` again, ` +
    `or set ELECTRON_MIRROR to a mirror of Electron's releases or electron_config_cache to a cache folder that already holds it ` +
    `(${ELECTRON_INSTALL_DOCS}).`
  );
}

/**
 * The sentence shown when the installer reported success but the runtime is still not
 * where electron-vite looks (an override such as ELECTRON_OVERRIDE_DIST_PATH, another platform).
 * @param {{ command: Command, electronVersion: string }} input
 */
export function stillMissingMessage({ command, electronVersion }) {
  return (
    `Electron's installer finished but the Electron ${electronVersion} runtime is still not in node_modules/electron/dist: ` +
    `unset ELECTRON_OVERRIDE_DIST_PATH and ELECTRON_INSTALL_PLATFORM if set, and run \`${npmCommand(command)}\` again ` +
    `(${ELECTRON_INSTALL_DOCS}).`
  );
}

/**
 * @param {string} path
 * @returns {string | null}
 */
function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Reads what {@link runtimeState} decides from.
 * @param {string} electronDir the `electron` package's folder
 * @param {NodeJS.ProcessEnv} env
 * @returns {RuntimeFacts}
 */
export function readRuntimeFacts(electronDir, env) {
  const pkg = /** @type {{ version: string }} */ (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')));
  const pathTxt = readText(join(electronDir, 'path.txt'));
  const override = env.ELECTRON_EXEC_PATH || null;
  return {
    packageVersion: pkg.version,
    pathTxt: pathTxt && pathTxt.trim() !== '' ? pathTxt : null,
    distVersion: readText(join(electronDir, 'dist', 'version')),
    executableExists: pathTxt ? existsSync(join(electronDir, 'dist', pathTxt)) : false,
    execPathOverride: override,
    overrideExists: override ? existsSync(override) : false,
  };
}

// Runs Electron's install.js unchanged with its stderr still the terminal, so its progress
// bar (drawn only on a TTY) shows; only console.error, where install.js prints the error's
// stack before exit(1), is sent to fd 3 for the parent to turn into one sentence.
const INSTALLER_WRAPPER = `
const { writeSync } = require('node:fs');
const report = (text) => { try { writeSync(3, text + '\\n'); } catch {} };
console.error = (...parts) => report(parts.map(String).join(' '));
process.on('uncaughtException', (error) => { report(error instanceof Error && error.stack ? error.stack : String(error)); process.exit(1); });
require(process.argv[1]);
`;

/**
 * Runs Electron's installer in a child process and resolves when it has exited.
 * @param {string} installScript `node_modules/electron/install.js`
 * @returns {Promise<InstallerExit>}
 */
export function runInstaller(installScript) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', INSTALLER_WRAPPER, installScript], {
      stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    });
    let errorText = '';
    const errors = /** @type {import('node:stream').Readable} */ (child.stdio[3]);
    errors.setEncoding('utf8');
    errors.on('data', (chunk) => (errorText += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, errorText }));
  });
}

/**
 * Checks, installs if needed, and returns the exit code; every failure is one message on
 * stderr, never a stack trace.
 * @param {string[]} args the command-line arguments after the script
 * @returns {Promise<number>}
 */
export async function main(args) {
  const command = /** @type {Command | undefined} */ (COMMANDS.find((name) => name === args[0]));
  if (!command) {
    console.error(`Usage: node scripts/electron-runtime.mjs ${COMMANDS.join('|')}`);
    return 2;
  }
  let electronDir;
  try {
    electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    console.error(`The electron package is not installed: run \`npm install\`, then \`${npmCommand(command)}\` again.`);
    return 1;
  }
  const facts = readRuntimeFacts(electronDir, process.env);
  const decision = decide({ command, nodeVersion: process.versions.node, runtime: runtimeState(facts) });
  if (decision.kind === 'ready') return 0;
  if (decision.kind === 'refuse') {
    console.error(decision.message);
    return 1;
  }
  if (decision.note) console.log(decision.note);
  console.log(`Downloading the Electron ${facts.packageVersion} runtime (once; later runs skip this)…`);
  const exit = await runInstaller(join(electronDir, 'install.js'));
  if (exit.code !== 0) {
    console.error(installFailureMessage({ command, electronVersion: facts.packageVersion, exit }));
    return 1;
  }
  if (runtimeState(readRuntimeFacts(electronDir, process.env)).kind !== 'present') {
    console.error(stillMissingMessage({ command, electronVersion: facts.packageVersion }));
    return 1;
  }
  console.log(`Electron ${facts.packageVersion} runtime ready.`);
  return 0;
}

/** Whether Node was asked to run this file (rather than a test importing it). */
function invokedDirectly() {
  try {
    return realpathSync(process.argv[1] ?? '') === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  process.exitCode = await main(process.argv.slice(2));
}
