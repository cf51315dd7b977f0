import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appPaths } from '../../src-main/desktop/paths';
import { app, resetFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

beforeEach(() => resetFake());
afterEach(() => vi.unstubAllEnvs());

describe('appPaths', () => {
  it("uses Electron's userData folder by default", () => {
    vi.stubEnv('QS_DATA_DIR', '');
    expect(appPaths().dataDir).toBe('/fake/userData');
  });

  it('honours QS_DATA_DIR when the app is not packaged', () => {
    vi.stubEnv('QS_DATA_DIR', '/tmp/qs-test');
    expect(appPaths().dataDir).toBe('/tmp/qs-test');
  });

  it('keeps the app settings beside the data, and reports and autostart entries inside QS_DATA_DIR, when overridden', () => {
    vi.stubEnv('QS_DATA_DIR', '/tmp/qs-test');
    const paths = appPaths();
    expect(paths.settingsDir).toBe('/tmp/qs-test');
    expect(paths.reportsDir).toBe('/tmp/qs-test/reports');
    expect(paths.autostartDir()).toBe('/tmp/qs-test/autostart');
  });

  it('puts reports in Documents and autostart entries in the config folder of a packaged app', () => {
    vi.stubEnv('QS_DATA_DIR', '/tmp/qs-test');
    app.isPackaged = true;
    const paths = appPaths();
    expect(paths.settingsDir).toBe('/fake/userData');
    expect(paths.reportsDir).toBe('/fake/documents/Quantified Self reports');
    expect(paths.autostartDir()).toBe('/fake/appData/autostart');
  });

  it('ignores QS_DATA_DIR in a packaged app', () => {
    vi.stubEnv('QS_DATA_DIR', '/tmp/qs-test');
    app.isPackaged = true;
    expect(appPaths().dataDir).toBe('/fake/userData');
  });
});
