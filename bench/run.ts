/**
 * `npm run bench [-- --quick] [-- --only store,csv]`: every benchmark, one after another, each
 * in its own process so one's heap and caches do not colour the next. Each prints its
 * table and writes `bench/results/<name>-<stamp>.json`.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCHES, isBenchName, onlyOf } from './benches';

const args = process.argv.slice(2);
const requested = onlyOf(args) ?? Object.keys(BENCHES);
const unknown = requested.filter((name) => !isBenchName(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}.`);
  process.exit(2);
}
const passOn = args.filter((arg) => arg === '--quick');
const here = dirname(fileURLToPath(import.meta.url));
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');

let failed = 0;
for (const name of requested.filter(isBenchName)) {
  console.log(`\n━━ ${name} ━━`);
  const run = spawnSync(tsx, [join(here, BENCHES[name]), ...passOn], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.error(`${name} failed (exit ${run.status ?? run.signal}).`);
  }
}
process.exit(failed === 0 ? 0 : 1);
