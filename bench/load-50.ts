/**
 * `npx tsx bench/load-50.ts [--quick]`: 50 loopback clients writing at once through browser
 * mode (issue 14). The real built server (`out/main/server.js`, its core in a worker, as
 * `npm run serve` starts it; build it first) on a temp data folder: sign up, make five
 * trackers, then 50 concurrent clients (`node:http`, keep-alive) each `POST
 * /api/trackers/:id/logs` one entry after another for 20 s (quick: 5 s). Measured: acknowledged
 * writes per second, p50 / p95 / max latency of an acknowledged write, failures; then every
 * tracker's logs are listed — on the running server, and again after the server is killed with
 * SIGKILL and started anew on the same folder — and every acknowledged id must be there.
 *
 * Beside it, in the same run, two SQLite peers (better-sqlite3, WAL, `synchronous=FULL`, one
 * transaction per insert), labelled for what they are:
 * - the same 50 clients against a minimal `node:http` server over SQLite (bench/peer/
 *   sqlite-http-server.ts: no accounts, validation or encryption);
 * - inserts one after another in this process, no HTTP (50 async tasks on one synchronous
 *   connection would run one after another all the same).
 * Prints one table and writes `bench/results/load-50-<stamp>.json`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ms, percentile } from './measure';
import { ensureSqlite, SQLITE_DRIVER_VERSION } from './peer/ensure-sqlite';
import { openSqlitePeer } from './peer/sqlite-peer';

const quick = process.argv.includes('--quick');
const CLIENTS = 50;
const DURATION_MS = quick ? 5_000 : 20_000;
const TRACKERS = 5;
const ROOT = resolve(import.meta.dirname, '..');
const SERVER_ENTRY = join(ROOT, 'out', 'main', 'server.js');
const ACCOUNT = { email: 'load@example.com', password: 'a-long-enough-password', name: 'Load', age: 40, gender: 'other', backupCode: 'fifty clients at once', timeZone: 'Europe/Paris' } as const;

interface Started {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
}

/** Start a server process and wait for the line that gives its URL. */
function startProcess(name: string, command: string, args: readonly string[], ready: RegExp, timeoutMs = 60_000): Promise<Started> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolveStarted, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not say it was ready within ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    child.stdout?.on('data', () => {
      const url = ready.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolveStarted({ url, child, output: () => output });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}, signal ${signal}) before it was ready. Output:\n${output}`));
    });
  });
}

async function stopProcess(started: Started, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill(signal);
  await exited;
}

interface JsonReply {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly token?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

async function call(base: string, verb: string, path: string, token: string | null, body?: unknown): Promise<JsonReply> {
  const response = await fetch(new URL(path, base), {
    method: verb,
    headers: {
      accept: 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as JsonReply;
}

/**
 * The load's own requests: `node:http` with one kept-alive connection per client. The 50
 * clients share the machine's two cores with the server, and Node's fetch costs each
 * request several times the CPU of a plain request, which was taken from the servers
 * measured (both sides alike).
 */
const loadAgent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

function post(base: string, path: string, token: string | null, body: unknown): Promise<JsonReply> {
  const text = JSON.stringify(body);
  return new Promise((resolveReply, reject) => {
    const sent = request(
      new URL(path, base),
      {
        method: 'POST',
        agent: loadAgent,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        },
      },
      (response) => {
        let answer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (answer += chunk));
        response.on('end', () => {
          try {
            resolveReply(JSON.parse(answer) as JsonReply);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(text);
  });
}

async function mustCall<T>(base: string, verb: string, path: string, token: string | null, body?: unknown): Promise<{ value: T; token: string | undefined }> {
  const reply = await call(base, verb, path, token, body);
  if (!reply.ok) throw new Error(`${verb} ${path}: ${reply.error?.code ?? '?'} ${reply.error?.message ?? ''}`);
  return { value: reply.value as T, token: reply.token };
}

interface LoadFigures {
  readonly acknowledged: number;
  readonly failed: number;
  readonly failures: Record<string, number>;
  readonly elapsedMs: number;
  readonly writesPerSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly max: number };
}

interface LoadRun extends LoadFigures {
  /** Acknowledged ids per tracker. */
  readonly acked: Map<string, Set<string>>;
}

/** `clients` loops, each sending one write after the last was answered, until the time is up. */
async function drive(clients: number, durationMs: number, write: (client: number, n: number) => Promise<{ trackerId: string; id: string | null; failure?: string }>): Promise<LoadRun> {
  const acked = new Map<string, Set<string>>();
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let failed = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = performance.now();
        let outcome: Awaited<ReturnType<typeof write>>;
        try {
          outcome = await write(client, n);
        } catch (error) {
          outcome = { trackerId: '', id: null, failure: error instanceof Error ? error.message : String(error) };
        }
        const took = performance.now() - t0;
        if (outcome.id === null) {
          failed += 1;
          const key = outcome.failure ?? 'no id';
          failures[key] = (failures[key] ?? 0) + 1;
          continue;
        }
        latencies.push(took);
        const ids = acked.get(outcome.trackerId) ?? new Set<string>();
        ids.add(outcome.id);
        acked.set(outcome.trackerId, ids);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  return {
    acked,
    acknowledged: latencies.length,
    failed,
    failures,
    elapsedMs,
    writesPerSecond: latencies.length / (elapsedMs / 1000),
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.length === 0 ? Number.NaN : Math.max(...latencies) },
  };
}

interface Check {
  /** Entries listed in all. */
  readonly listed: number;
  /** Acknowledged ids not listed. */
  readonly lost: number;
  /** Listed ids that no client saw acknowledged (a write that landed but whose answer failed). */
  readonly unacknowledgedListed: number;
}

function compare(acked: Map<string, Set<string>>, listed: Map<string, readonly string[]>): Check {
  let lost = 0;
  let unacknowledgedListed = 0;
  let total = 0;
  for (const [trackerId, ids] of listed) {
    total += ids.length;
    const known = acked.get(trackerId) ?? new Set<string>();
    unacknowledgedListed += ids.filter((id) => !known.has(id)).length;
  }
  for (const [trackerId, ids] of acked) {
    const present = new Set(listed.get(trackerId) ?? []);
    for (const id of ids) if (!present.has(id)) lost += 1;
  }
  return { listed: total, lost, unacknowledgedListed };
}

interface SideResult extends LoadFigures {
  readonly label: string;
  readonly whileRunning: Check | null;
  readonly afterKillAndRestart: Check | null;
}

async function appSide(): Promise<SideResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'qs-bench-load-'));
  const start = () => startProcess('the app server', process.execPath, [SERVER_ENTRY, '--port', '0', '--data-dir', dataDir], /Quantified Self is running at (http:\/\/127\.0\.0\.1:\d+\/)/);
  let server = await start();
  try {
    const signUp = await mustCall<unknown>(server.url, 'POST', '/api/profiles', null, ACCOUNT);
    const token = signUp.token ?? null;
    if (token === null) throw new Error('sign-up gave no token');
    const trackerIds: string[] = [];
    for (let i = 0; i < TRACKERS; i++) {
      const made = await mustCall<{ tracker: { id: string } }>(server.url, 'POST', '/api/trackers', token, { name: `Load ${i + 1}`, settings: { type: 'numerical', unit: 'kg' } });
      trackerIds.push(made.value.tracker.id);
    }
    const base = server.url;
    const run = await drive(CLIENTS, DURATION_MS, async (client, n) => {
      const trackerId = trackerIds[(client + n) % trackerIds.length] ?? '';
      const reply = await post(base, `/api/trackers/${trackerId}/logs`, token, { value: 60 + (n % 30), note: `client ${client}, entry ${n}` });
      const log = reply.ok ? (reply.value as { log?: { id?: string } }).log : undefined;
      return typeof log?.id === 'string' ? { trackerId, id: log.id } : { trackerId, id: null, failure: reply.error?.code ?? 'no log in the answer' };
    });
    const listAll = async (url: string, session: string): Promise<Map<string, string[]>> => {
      const listed = new Map<string, string[]>();
      for (const trackerId of trackerIds) {
        const ids: string[] = [];
        for (let offset = 0; ; offset += 1000) {
          const page = await mustCall<{ logs: { id: string }[]; total: number }>(url, 'POST', `/api/trackers/${trackerId}/logs/query`, session, { order: 'oldest', offset, limit: 1000 });
          ids.push(...page.value.logs.map((log) => log.id));
          if (page.value.logs.length < 1000) break;
        }
        listed.set(trackerId, ids);
      }
      return listed;
    };
    const whileRunning = compare(run.acked, await listAll(base, token));
    // A crash of the whole process, not a polite stop: what was acknowledged must be on disk.
    await stopProcess(server, 'SIGKILL');
    server = await start();
    const login = await mustCall<unknown>(server.url, 'POST', '/api/session', null, { email: ACCOUNT.email, password: ACCOUNT.password });
    if (login.token === undefined) throw new Error('log-in gave no token');
    const afterKillAndRestart = compare(run.acked, await listAll(server.url, login.token));
    const { acked: _acked, ...figures } = run;
    return { label: 'app, browser mode (out/main/server.js)', ...figures, whileRunning, afterKillAndRestart };
  } finally {
    await stopProcess(server, 'SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function sqliteHttpSide(): Promise<SideResult> {
  const dir = await mkdtemp(join(tmpdir(), 'qs-bench-load-sqlite-'));
  const file = join(dir, 'peer.sqlite');
  // Node itself with tsx's loader, not the tsx command: that runs the script in a child process
  // which a SIGKILL of the command would leave running, still holding the database open.
  const start = () => startProcess('the SQLite peer server', process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'peer', 'sqlite-http-server.ts'), file], /listening at (http:\/\/127\.0\.0\.1:\d+\/)/);
  let server = await start();
  try {
    const trackerIds = Array.from({ length: TRACKERS }, (_, i) => `tracker-${i + 1}`);
    const base = server.url;
    const run = await drive(CLIENTS, DURATION_MS, async (client, n) => {
      const trackerId = trackerIds[(client + n) % trackerIds.length] ?? '';
      const reply = await post(base, `/trackers/${trackerId}/logs`, null, { value: 60 + (n % 30), note: `client ${client}, entry ${n}` });
      const log = reply.ok ? (reply.value as { log?: { id?: string } }).log : undefined;
      return typeof log?.id === 'string' ? { trackerId, id: log.id } : { trackerId, id: null, failure: reply.error?.code ?? 'no log in the answer' };
    });
    const listAll = async (url: string): Promise<Map<string, string[]>> => {
      const listed = new Map<string, string[]>();
      for (const trackerId of trackerIds) listed.set(trackerId, (await mustCall<{ ids: string[] }>(url, 'GET', `/trackers/${trackerId}/ids`, null)).value.ids);
      return listed;
    };
    const whileRunning = compare(run.acked, await listAll(base));
    await stopProcess(server, 'SIGKILL');
    server = await start();
    const afterKillAndRestart = compare(run.acked, await listAll(server.url));
    const { acked: _acked, ...figures } = run;
    return { label: 'SQLite behind a minimal node:http server (no auth, validation, encryption)', ...figures, whileRunning, afterKillAndRestart };
  } finally {
    await stopProcess(server, 'SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

/** The durable insert alone, one after another in this thread: the ceiling of one connection. */
async function sqliteInProcessSide(): Promise<SideResult> {
  const dir = await mkdtemp(join(tmpdir(), 'qs-bench-load-sqlite-direct-'));
  try {
    const peer = openSqlitePeer(join(dir, 'peer.sqlite'));
    try {
      let n = 0;
      const run = await drive(1, DURATION_MS, () => {
        n += 1;
        const trackerId = `tracker-${(n % TRACKERS) + 1}`;
        const id = `entry-${n}`;
        peer.insert({ id, trackerId, at: new Date().toISOString(), offsetMinutes: 60, value: 60 + (n % 30), note: `entry ${n}` });
        return Promise.resolve({ trackerId, id });
      });
      const listed = new Map<string, string[]>();
      for (let t = 1; t <= TRACKERS; t++) listed.set(`tracker-${t}`, peer.idsOf(`tracker-${t}`));
      const whileRunning = compare(run.acked, listed);
      const { acked: _acked, ...figures } = run;
      return { label: 'SQLite in this process, one insert after another, no HTTP', ...figures, whileRunning, afterKillAndRestart: null };
    } finally {
      peer.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Sources of the server and its core newer than the build: a benchmark of stale code is easy to mistake. */
async function newerSources(builtAtMs: number): Promise<string[]> {
  const newer: string[] = [];
  for (const dir of ['src-main', 'src-preload']) {
    for (const name of await readdir(join(ROOT, dir), { recursive: true })) {
      const path = join(dir, name);
      if (/\.(ts|mjs|js)$/.test(name) && statSync(join(ROOT, path)).mtimeMs > builtAtMs) newer.push(path);
    }
  }
  return newer;
}

async function main(): Promise<void> {
  if (!existsSync(SERVER_ENTRY)) {
    console.error(`${SERVER_ENTRY} is missing: run \`npm run build\` (or \`npx electron-vite build\`) first.`);
    process.exit(1);
  }
  const stale = await newerSources(statSync(SERVER_ENTRY).mtimeMs);
  if (stale.length > 0) console.warn(`warning: ${stale.length} source file(s) changed after out/ was built (${stale.slice(0, 3).join(', ')}…): these figures are of the old build; run \`npm run build\` first.\n`);
  ensureSqlite();
  // The machine is shared: its load beside the figures says how much to trust a run.
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  console.log(`${CLIENTS} loopback clients for ${DURATION_MS / 1000} s per side (${quick ? 'quick' : 'full'}), ${TRACKERS} trackers\n`);
  const sides: SideResult[] = [];
  for (const [name, run] of [
    ['app', appSide],
    ['SQLite over HTTP', sqliteHttpSide],
    ['SQLite in-process', sqliteInProcessSide],
  ] as const) {
    process.stdout.write(`  ${name}… `);
    sides.push(await run());
    console.log('done');
  }
  const check = (c: Check | null) => (c === null ? '—' : `${c.listed.toLocaleString('en')} listed, ${c.lost} lost${c.unacknowledgedListed > 0 ? `, ${c.unacknowledgedListed} unacknowledged` : ''}`);
  console.log('');
  console.log('| | clients | acknowledged writes / s | p50 | p95 | max | acknowledged / failed | listed while running | listed after SIGKILL + restart |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|---|');
  for (const s of sides) {
    const clients = s.label.startsWith('SQLite in this process') ? 1 : CLIENTS;
    console.log(`| ${s.label} | ${clients} | ${Math.round(s.writesPerSecond).toLocaleString('en')} | ${ms(s.latencyMs.p50)} | ${ms(s.latencyMs.p95)} | ${ms(s.latencyMs.max)} | ${s.acknowledged.toLocaleString('en')} / ${s.failed} | ${check(s.whileRunning)} | ${check(s.afterKillAndRestart)} |`);
  }
  for (const s of sides) if (s.failed > 0) console.log(`failures (${s.label}): ${JSON.stringify(s.failures)}`);
  console.log(`\nSQLite: better-sqlite3 ${SQLITE_DRIVER_VERSION}, WAL, synchronous=FULL, one transaction per insert. Clients, server and core share this machine's cores.`);

  const loadAtEnd = loadavg()[0] ?? Number.NaN;
  console.log(`machine load average (1 min, ${availableParallelism()} cores): ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end`);

  const resultsDir = join(import.meta.dirname, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `load-50-${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  await writeFile(file, JSON.stringify({ mode: quick ? 'quick' : 'full', node: process.version, clients: CLIENTS, durationMs: DURATION_MS, trackers: TRACKERS, sides, loadAverage: { start: loadAtStart, end: loadAtEnd } }, null, 2));
  console.log(`written: ${file}`);
}

await main();
