/**
 * Browser mode: `node out/main/server.js [--port N] [--host H] [--data-dir DIR] [--session-idle-minutes N]`.
 * Opens the core over the data folder, serves the REST API and the built renderer, and
 * prints exactly one line once listening — the e2e harness waits for it and reads the URL:
 *
 *   Quantified Self is running at http://127.0.0.1:<port>/
 *
 * Ctrl-C / SIGTERM close the server and then the core, so pending writes land and the
 * data-folder lock is released. A locked folder or a taken port exits with code 1.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore, type Core } from '../core/index';
import { AppFailure } from '../core/errors';
import { warmingAfterLogIn } from '../core/warm-up';
import { parseCliArgs } from './cli-args';
import { startServer, type RunningServer } from './http-server';
import { resolveDataDir } from './data-dir';

/** The built renderer sits beside the main bundle: out/main/server.js → out/renderer. */
const RENDERER_DIR = join(dirname(fileURLToPath(import.meta.url)), '../renderer');

function explain(error: unknown, port: number, dataDir: string): string {
  if (error instanceof AppFailure && error.code === 'DATA_FOLDER_LOCKED') {
    // The core's message names the lock file from the data folder; the person here needs to know which folder.
    return `The data folder is in use by another Quantified Self (the desktop app or another server). Close it and try again.\n${error.message}\nData folder: ${dataDir}`;
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return `Port ${port} is already in use. Choose another with --port N (0 picks any free port).`;
  if (code === 'EACCES') return `Not allowed to listen on port ${port}. Choose a port above 1023 with --port N.`;
  if (code === 'EADDRNOTAVAIL') return `This machine has no address to bind as --host.`;
  return `Quantified Self could not start: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(1);
  }
  const { port, host } = parsed.options;
  const dataDir = resolveDataDir(parsed.options.dataDir);
  let core: Core | null = null;
  let server: RunningServer | null = null;
  try {
    core = await openCore({ dataDir });
    const started = core;
    server = await startServer({ handlers: warmingAfterLogIn(core.handlers, (profileId) => started.warmUp(profileId)), staticDir: RENDERER_DIR, host, port, sessionIdleMinutes: parsed.options.sessionIdleMinutes, locks: core });
  } catch (error) {
    console.error(explain(error, port, dataDir));
    await core?.close();
    process.exit(1);
  }
  const [running, opened] = [server, core];
  console.log(`Quantified Self is running at ${running.url}`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await running.close();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
