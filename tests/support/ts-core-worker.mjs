// The core's worker run from its TypeScript sources (the app runs the built out/main/core-worker.js).
import { register } from 'tsx/esm/api';

register();
await import('../../src-main/host/core-worker.ts');
