import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrayIconRootError, trayIconFile } from '../../src-main/desktop/tray/tray-icon';

const ROOT = '/opt/Quantified Self/resources/app.asar';

describe('trayIconFile', () => {
  it('uses the template image on macOS, whatever the panel', () => {
    expect(trayIconFile('darwin', true, ROOT)).toBe(join(ROOT, 'resources/tray/trayTemplate.png'));
    expect(trayIconFile('darwin', false, ROOT)).toBe(join(ROOT, 'resources/tray/trayTemplate.png'));
  });

  it('uses the light glyph on a dark panel and the dark glyph on a light one elsewhere', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(trayIconFile(platform, true, ROOT)).toBe(join(ROOT, 'resources/tray/tray-on-dark.png'));
      expect(trayIconFile(platform, false, ROOT)).toBe(join(ROOT, 'resources/tray/tray-on-light.png'));
    }
  });

  it('refuses an app root that is not absolute, saying what it needs', () => {
    for (const root of ['', '.', 'resources', './app.asar']) {
      expect(() => trayIconFile('linux', true, root)).toThrow(TrayIconRootError);
      expect(() => trayIconFile('linux', true, root)).toThrow(/absolute root folder \(app\.getAppPath\(\)\)/);
    }
  });

  it('gives the error a stable code', () => {
    expect.assertions(1);
    try {
      trayIconFile('win32', false, 'relative');
    } catch (error) {
      expect(error).toMatchObject({ code: 'TRAY_ICON_ROOT_NOT_ABSOLUTE', name: 'TrayIconRootError' });
    }
  });
});
