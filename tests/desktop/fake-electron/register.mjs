// `node --import ./register.mjs out/main/index.js`: every `import 'electron'` of the
// built bundle gets the recording fake instead of the real (absent) runtime.
import { register } from 'node:module';

register('./resolve-electron.mjs', import.meta.url);
