/**
 * One import in a fresh process, for bench/import-memory.ts:
 * `tsx --expose-gc bench/import-memory-child.ts <root> <op> <kind> <data dir> <file>…`.
 * `root` is the checkout whose core runs (this one, or an older commit extracted for a
 * before/after table), so the same measurement runs against both. The files are read as
 * the strings a request hands the core (the whole file as text: that is how the contract
 * carries it), then the process's peak RSS is reset and the operation runs:
 * - `preview`: previewImport;
 * - `commit`: commitImport;
 * - `request`: previewImport as the browser shell answers it: the request's JSON body
 *   (the one file given, written by the parent) read from a stream of 64 KiB chunks by the
 *   server's body reader and decoded as the core decodes it, then dispatched — the body's bytes, their text and the parsed
 *   JSON are measured too; the files are not read beforehand.
 * `data dir` is `new` for a new profile in a temporary folder (removed after), or a folder
 * kept for the next child: a new profile when it is empty, else the profile an earlier child
 * made there (a preview after a commit of the same files finds every row already stored).
 * Prints one JSON line: the peak RSS (VmHWM) during the operation, the RSS before it
 * (the files' text and the core), and the largest V8 heap sampled every few milliseconds
 * and at every change of the job's progress (`onJobProgress`): the check holds the thread
 * to its end, so the timer's samples miss it, but it tells its progress every 20,000 rows.
 * (An older `root` ignores the option; its check paused for the timer instead.)
 */
import { createReadStream, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
type Dispatch = (handlers: unknown, method: string, input: unknown, session: unknown) => Promise<{ result: Result; session: unknown }>;

const [root, op, kind, dataDirArg, ...paths] = process.argv.slice(2);
if (root === undefined || op === undefined || kind === undefined || dataDirArg === undefined || paths.length === 0) throw new Error('usage: import-memory-child <root> <op> <kind> <data dir> <file>…');
const gc = globalThis.gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const { openCore } = (await import(pathToFileURL(join(root, 'src-main/core/index.ts')).href)) as { openCore: (options: object) => Promise<{ handlers: unknown; close(): Promise<void> }> };
const { dispatch } = (await import(pathToFileURL(join(root, 'src-main/core/dispatch.ts')).href)) as { dispatch: Dispatch };

const kib = (field: 'VmHWM' | 'VmRSS'): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN);
const mib = (kibibytes: number): number => kibibytes / 1024;

let peakHeapUsed = 0;
let peakHeapTotal = 0;
const sampleHeap = () => {
  const usage = process.memoryUsage();
  peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
  peakHeapTotal = Math.max(peakHeapTotal, usage.heapTotal);
};

/** Collect, reset the peak, and note where the measured operation starts from. */
function startMeasuring() {
  gc?.();
  gc?.();
  writeFileSync('/proc/self/clear_refs', '5');
  peakHeapUsed = 0;
  peakHeapTotal = 0;
  sampleHeap();
  return { rssBefore: mib(kib('VmRSS')), heapBefore: process.memoryUsage().heapUsed / 2 ** 20 };
}

/**
 * The body as the server reads it (request-body.ts of `root`), from the file in chunks as a
 * socket gives them, then decoded as the core does: by `readJsonBody` in trees before
 * issue 11, by `readBody` and the worker's `jsonInput` since.
 */
async function requestBody(path: string): Promise<unknown> {
  const module = (await import(pathToFileURL(join(root as string, 'src-main/server/request-body.ts')).href)) as {
    readJsonBody?: (request: unknown, maxBytes: number) => Promise<{ ok: true; value: unknown } | { ok: false }>;
    readBody?: (request: unknown, maxBytes: number) => Promise<{ ok: true; bytes: Uint8Array } | { ok: false }>;
  };
  const request = Object.assign(createReadStream(path, { highWaterMark: 64 * 1024 }), { headers: { 'content-length': String(statSync(path).size) } });
  if (module.readBody) {
    const read = await module.readBody(request, 256 * 2 ** 20);
    if (!read.ok) throw new Error('the request body was refused');
    const { jsonInput } = (await import(pathToFileURL(join(root as string, 'src-main/host/json-input.ts')).href)) as {
      jsonInput: (body: Uint8Array, params: Record<string, string>) => { ok: true; input: unknown } | { ok: false; message: string };
    };
    const decoded = jsonInput(read.bytes, {});
    if (!decoded.ok) throw new Error(decoded.message);
    return decoded.input;
  }
  if (!module.readJsonBody) throw new Error('request-body.ts has neither readBody nor readJsonBody');
  const read = await module.readJsonBody(request, 256 * 2 ** 20);
  if (!read.ok) throw new Error('the request body was refused');
  return read.value;
}

const fresh = dataDirArg === 'new';
const dataDir = fresh ? await mkdtemp(join(tmpdir(), 'qs-bench-importmem-')) : dataDirArg;
const ACCOUNT = { email: 'bench@example.org', password: 'correct horse battery' };
// Before the core opens: opening makes files of its own there.
const newProfile = readdirSync(dataDir).length === 0;
try {
  const core = await openCore({ dataDir, scrypt: { N: 2 ** 10, r: 8, p: 1 }, onJobProgress: sampleHeap });
  let session: unknown = null;
  const call = async (method: string, input: unknown): Promise<unknown> => {
    const { result, session: next } = await dispatch(core.handlers, method, input, session);
    session = next;
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  if (newProfile) await call('signUp', { ...ACCOUNT, name: 'Bench', age: 40, gender: 'other', backupCode: 'bench backup code 1234' });
  else await call('logIn', ACCOUNT);
  const files = op === 'request' ? [] : paths.map((path) => ({ name: path.split('/').pop() ?? path, text: readFileSync(path, 'utf8') }));
  const before = startMeasuring();
  const timer = setInterval(sampleHeap, 2);
  const start = performance.now();
  const input = op === 'request' ? await requestBody(paths[0] as string) : { kind, files };
  const answer = (await call(op === 'commit' ? 'commitImport' : 'previewImport', input)) as {
    counts?: { newLogs: number; duplicates: number; errors: number };
    logsAdded?: number;
    duplicates?: number;
  };
  const ms = performance.now() - start;
  clearInterval(timer);
  sampleHeap();
  const peakRss = mib(kib('VmHWM'));
  await core.close();
  console.log(
    JSON.stringify({
      ...before,
      peakRss,
      peakHeapUsed: peakHeapUsed / 2 ** 20,
      peakHeapTotal: peakHeapTotal / 2 ** 20,
      ms,
      logs: answer.counts?.newLogs ?? answer.logsAdded ?? 0,
      duplicates: answer.counts?.duplicates ?? answer.duplicates ?? 0,
      errors: answer.counts?.errors ?? 0,
    }),
  );
} finally {
  if (fresh) await rm(dataDir, { recursive: true, force: true });
}
