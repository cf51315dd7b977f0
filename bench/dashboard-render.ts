/**
 * `npx tsx bench/dashboard-render.ts [--quick] [--no-build]`: the renderer in Chromium over
 * the browser shell. Builds the app, generates a data set (50 trackers, 1M logs; 100k with
 * --quick) and a one-tracker set with 100k logs, starts the server on each, logs in and
 * measures from the page's own performance marks:
 *
 * - dashboard first render: navigation start → every card rendered with its figures
 *   (`qs:dashboard-ready`), the very first time (the core builds its summaries), after a
 *   server restart (summaries on disk), and on warm reloads;
 * - chart render of the 100k-log tracker: the chart.js draw alone (`qs:chart-draw`) and
 *   request → drawn (`qs:chart-requested` → `qs:chart-drawn`), for "All" per day (one
 *   point a day for ten years, decimated) and per month.
 *
 * Goals: dashboard < 300 ms, chart < 100 ms. Prints a table and writes
 * `bench/results/dashboard-render-<stamp>[-quick].json`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/harness';
import { BENCH_ACCOUNT, generateDataSet, type GeneratedSet } from './generate';
import { ms, percentile } from './measure';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const DASHBOARD_LOGS = quick ? 100_000 : 1_000_000;
const CHART_LOGS = 100_000;
const RESTARTS = quick ? 2 : 5;
const RELOADS = quick ? 5 : 20;
const CHART_SAMPLES = quick ? 5 : 15;
const TOKEN_KEY = 'quantified-self.token';

interface Row {
  measure: string;
  logs: number;
  samples: number;
  p50Ms: number;
  p95Ms: number;
  goalMs: number | null;
  note: string;
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function startServer(dataDir: string): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'out/main/server.js'), '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) done(match[1]);
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('exit', (code) => fail(new Error(`server exited (${code}):\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function logIn(url: string): Promise<string> {
  const response = await fetch(new URL('/api/session', url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password }),
  });
  const payload = (await response.json()) as { ok: boolean; token?: string };
  if (!payload.ok || !payload.token) throw new Error('log-in failed');
  return payload.token;
}

async function openPage(browser: Browser, token: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)});` });
  return context.newPage();
}

/** The bits of the page's globals the probes read (the node tsconfig has no DOM types). */
interface PageGlobals {
  performance: { getEntriesByName(name: string): { startTime: number; duration: number }[] };
  document: { querySelectorAll(selector: string): { length: number }; querySelector(selector: string): { textContent: string | null } | null };
}

/** Navigate (or reload) and read when the dashboard said it was ready, from navigation start. */
async function dashboardRender(page: Page, url: string, reload: boolean, cards: number): Promise<number> {
  if (reload) await page.reload();
  else await page.goto(url);
  // A function, not a string: the app's CSP forbids eval, which string predicates need.
  const handle = await page.waitForFunction(
    (count: number) => {
      const { performance, document } = globalThis as unknown as PageGlobals;
      const mark = performance.getEntriesByName('qs:dashboard-ready')[0];
      return mark && document.querySelectorAll('[data-testid="tracker-card"]').length >= count ? mark.startTime : false;
    },
    cards,
    { timeout: 120_000, polling: 50 },
  );
  return Number(await handle.jsonValue());
}

/** Pick a range (and granularity) and read the draw and request→drawn times of the chart. */
async function chartRender(page: Page, preset: string, granularity: string): Promise<{ drawMs: number; totalMs: number; points: string }> {
  await page.evaluate(`performance.clearMarks(); performance.clearMeasures();`);
  await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: preset }).click();
  await page.getByLabel('Points per').selectOption(granularity);
  const handle = await page.waitForFunction(
    () => {
      const { performance, document } = globalThis as unknown as PageGlobals;
      const asked = performance.getEntriesByName('qs:chart-requested').at(-1);
      const drawn = performance.getEntriesByName('qs:chart-drawn').filter((mark) => asked && mark.startTime > asked.startTime).at(-1);
      const draw = performance.getEntriesByName('qs:chart-draw').at(-1);
      if (!asked || !drawn || !draw) return false;
      return { drawMs: draw.duration, totalMs: drawn.startTime - asked.startTime, points: document.querySelector('.chart-box p')?.textContent ?? '' };
    },
    undefined,
    { timeout: 60_000, polling: 20 },
  );
  return (await handle.jsonValue()) as { drawMs: number; totalMs: number; points: string };
}

function row(measure: string, logs: number, samples: number[], goalMs: number | null, note = ''): Row {
  return { measure, logs, samples: samples.length, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), goalMs, note };
}

async function measureDashboard(browser: Browser, set: GeneratedSet): Promise<Row[]> {
  const rows: Row[] = [];
  const cards = set.trackers.length;
  let server = await startServer(set.dataDir);
  try {
    let page = await openPage(browser, await logIn(server.url));
    rows.push(row('dashboard, first ever (core builds summaries)', DASHBOARD_LOGS, [await dashboardRender(page, server.url, false, cards)], 300));
    await page.context().close();

    const restarted: number[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      await server.stop();
      server = await startServer(set.dataDir);
      page = await openPage(browser, await logIn(server.url));
      restarted.push(await dashboardRender(page, server.url, false, cards));
      if (i < RESTARTS - 1) await page.context().close();
    }
    rows.push(row('dashboard, server restarted (summaries on disk)', DASHBOARD_LOGS, restarted, 300));

    const warm: number[] = [];
    for (let i = 0; i < RELOADS; i++) warm.push(await dashboardRender(page, server.url, true, cards));
    rows.push(row('dashboard, reload (warm)', DASHBOARD_LOGS, warm, 300, `${cards} cards`));
    await page.context().close();
  } finally {
    await server.stop();
  }
  return rows;
}

async function measureChart(browser: Browser, set: GeneratedSet): Promise<Row[]> {
  const server = await startServer(set.dataDir);
  const rows: Row[] = [];
  try {
    const page = await openPage(browser, await logIn(server.url));
    const tracker = set.trackers[0];
    if (!tracker) throw new Error('no tracker');
    await page.goto(`${server.url}#/trackers/${encodeURIComponent(tracker.id)}`);
    await page.locator('.charts canvas').first().waitFor({ timeout: 60_000 });
    for (const granularity of ['day', 'month'] as const) {
      const draws: number[] = [];
      const totals: number[] = [];
      let points = '';
      for (let i = 0; i < CHART_SAMPLES; i++) {
        // Alternate so every sample is a real change of series, drawn in place.
        await chartRender(page, '30 days', '');
        const sample = await chartRender(page, 'All', granularity);
        draws.push(sample.drawMs);
        totals.push(sample.totalMs);
        points = sample.points;
      }
      rows.push(row(`chart draw, all per ${granularity} (chart.js only)`, CHART_LOGS, draws, 100, points));
      rows.push(row(`chart, all per ${granularity}: request → drawn`, CHART_LOGS, totals, null, 'includes the core computing the series'));
    }
    await page.context().close();
  } finally {
    await server.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  const dashboardDir = await mkdtemp(join(tmpdir(), 'qs-bench-render-'));
  const chartDir = await mkdtemp(join(tmpdir(), 'qs-bench-chart-'));
  const browser = await launchBrowser();
  try {
    console.log(`Generating ${DASHBOARD_LOGS.toLocaleString('en')} logs over 50 trackers and ${CHART_LOGS.toLocaleString('en')} on one tracker…`);
    const dashboardSet = await generateDataSet(dashboardDir, DASHBOARD_LOGS);
    const chartSet = await generateDataSet(chartDir, CHART_LOGS, 7, { trackerCount: 1 });
    const rows = [...(await measureDashboard(browser, dashboardSet)), ...(await measureChart(browser, chartSet))];

    console.table(
      rows.map((r) => ({
        measure: r.measure,
        logs: r.logs.toLocaleString('en'),
        n: r.samples,
        p50: ms(r.p50Ms),
        p95: ms(r.p95Ms),
        goal: r.goalMs === null ? '' : `< ${r.goalMs} ms ${r.p50Ms < r.goalMs ? '✓' : '✗'}`,
        note: r.note,
      })),
    );
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(ROOT, 'bench/results', `dashboard-render-${stamp}${quick ? '-quick' : ''}.json`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify({ mode: quick ? 'quick' : 'full', node: process.version, rows }, null, 2)}\n`);
    console.log(`Wrote ${file}`);
  } finally {
    await browser.close();
    await rm(dashboardDir, { recursive: true, force: true });
    await rm(chartDir, { recursive: true, force: true });
  }
}

await main();
