/**
 * The server's command line, parsed without side effects so it can be tested:
 *
 *   --port N        TCP port (default 4807; 0 picks any free port)
 *   --host HOST     address to bind (default 127.0.0.1, this machine only)
 *   --data-dir DIR  the data folder (else $QS_DATA_DIR, else the desktop app's default)
 *   --session-idle-minutes N
 *                   end a browser session unused this long (default 30; 0 = no limit,
 *                   though a token unused for a week still ends; a profile's shorter
 *                   auto-lock setting wins)
 */
import { DEFAULT_SESSION_IDLE_MINUTES } from './session-tokens';

export const DEFAULT_PORT = 4807;

export interface CliOptions {
  readonly port: number;
  readonly host: string;
  /** Null when neither the flag nor the environment names one: use the app's default. */
  readonly dataDir: string | null;
  readonly sessionIdleMinutes: number;
}

export type ParsedArgs = { readonly ok: true; readonly options: CliOptions } | { readonly ok: false; readonly message: string };

export const USAGE =
  'Usage: node out/main/server.js [--port N (default 4807, 0 = any free port)] [--host ADDRESS (default 127.0.0.1)] [--data-dir DIR] [--session-idle-minutes N (default 30, 0 = no limit)]';

const FLAGS = new Set(['--port', '--host', '--data-dir', '--session-idle-minutes']);

export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArgs {
  let port = DEFAULT_PORT;
  let host = '127.0.0.1';
  let dataDir: string | null = env.QS_DATA_DIR ? env.QS_DATA_DIR : null;
  let sessionIdleMinutes = DEFAULT_SESSION_IDLE_MINUTES;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    if (!FLAGS.has(name)) return { ok: false, message: `Unknown option "${arg}".\n${USAGE}` };
    const value = name === arg ? argv[(index += 1)] : arg.slice(equals + 1);
    if (value === undefined || value === '') return { ok: false, message: `${name} needs a value.\n${USAGE}` };
    if (name === '--port') {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
        return { ok: false, message: `--port must be a number from 0 to 65535, not "${value}".` };
      }
      port = Number(value);
    } else if (name === '--session-idle-minutes') {
      if (!/^\d{1,5}$/.test(value) || Number(value) > 24 * 60) {
        return { ok: false, message: `--session-idle-minutes must be a whole number of minutes from 0 to 1440, not "${value}".` };
      }
      sessionIdleMinutes = Number(value);
    } else if (name === '--host') {
      host = value;
    } else {
      dataDir = value;
    }
  }
  return { ok: true, options: { port, host, dataDir, sessionIdleMinutes } };
}
