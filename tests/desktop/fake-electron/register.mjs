// `node --import ./register.mjs out/main/index.js`: every `import 'electron'` of the
// built bundle gets the recording fake instead of the real (absent) runtime.
import { register } from 'node:module';

register('./resolve-electron.mjs', import.meta.url);

// Record every worker thread the app starts (the core's), for the report's `workers`.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const threads = createRequire(import.meta.url)('node:worker_threads');
const RealWorker = threads.Worker;
globalThis.__qsWorkersStarted = [];
threads.Worker = class RecordedWorker extends RealWorker {
  constructor(file, options) {
    super(file, options);
    globalThis.__qsWorkersStarted.push(String(file instanceof URL ? file.pathname : file));
  }
};
syncBuiltinESMExports();
