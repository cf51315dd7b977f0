import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// One run, four projects: the pyramid of ARCHITECTURE.md. `expect.requireAssertions`
// makes a test that asserts nothing fail.
const shared = { expect: { requireAssertions: true } } as const;

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'] } },
      {
        plugins: [svelte(), svelteTesting()],
        test: { ...shared, name: 'component', environment: 'jsdom', include: ['tests/component/**/*.test.ts'] },
      },
      {
        test: {
          ...shared,
          name: 'desktop',
          environment: 'node',
          include: ['tests/desktop/**/*.test.ts'],
          // electron-store imports `electron`: processed by Vite, it gets the test's
          // `vi.mock('electron')` instead of the real package (which would try to download a runtime).
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.spec.ts'],
          // Every screen is checked with axe-core in both colour schemes (tests/e2e/axe.ts):
          // the long walks (skeleton, charts) need the room on a busy two-core machine.
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // One browser and one server at a time: the machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
