/**
 * Browser mode: `node out/main/server.js [--port N] [--host H] [--data-dir DIR] [--session-idle-minutes N]`.
 * Starts the core in its worker over the data folder (host/core-host.ts), serves the REST API and the built renderer, and
 * prints exactly one line once listening — the e2e harness waits for it and reads the URL:
 *
 *   Quantified Self is running at http://127.0.0.1:<port>/
 *
 * Ctrl-C / SIGTERM close the server and then the core, so pending writes land and the
 * data-folder lock is released. A locked folder or a taken port exits with code 1.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppFailure } from '../core/errors';
import { CoreHost, type RestartEvent } from '../host/core-host';
import { parseCliArgs } from './cli-args';
import { startServer, type RunningServer } from './http-server';
import { resolveDataDir } from './data-dir';
import { createChromiumPrinter } from './jobs/chromium-printer';
import { createHostNotifier } from './jobs/host-notifier';

/** The built renderer sits beside the main bundle: out/main/server.js → out/renderer. */
const RENDERER_DIR = join(dirname(fileURLToPath(import.meta.url)), '../renderer');
/** The core's worker, built beside this entry. */
const CORE_WORKER = new URL('./core-worker.js', import.meta.url);

function reportRestart(event: RestartEvent): void {
  console.error(
    event.stopped
      ? `Quantified Self's core keeps stopping and was not started again; API calls now answer 503 CORE_STOPPED. Restart the server.
${event.reason}`
      : `Quantified Self's core stopped unexpectedly and was started again; everybody must log in again.
${event.reason}`,
  );
}

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
  let core: CoreHost | null = null;
  let server: RunningServer | null = null;
  try {
    const ports = { notifier: createHostNotifier(), printer: createChromiumPrinter() };
    core = await CoreHost.start({ dataDir, worker: CORE_WORKER, ports, onRestart: reportRestart });
    server = await startServer({ client: core, staticDir: RENDERER_DIR, host, port, sessionIdleMinutes: parsed.options.sessionIdleMinutes });
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
