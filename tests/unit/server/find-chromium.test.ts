/** The one lookup for a Chromium, shared by browser mode's printer and the e2e harness. */
import { describe, expect, it } from 'vitest';
import { CHROMIUM_CANDIDATES, lookForChromium } from '../../../src-main/server/jobs/find-chromium';

const only = (...paths: string[]) => (path: string): boolean => paths.includes(path);

describe('lookForChromium', () => {
  it('takes $CHROMIUM_PATH first, then $CHROME_PATH, over the usual places', () => {
    const exists = only('/opt/chromium/chrome', '/opt/chrome/chrome', '/usr/bin/chromium');
    expect(lookForChromium({ CHROMIUM_PATH: '/opt/chromium/chrome', CHROME_PATH: '/opt/chrome/chrome' }, exists)).toEqual({ found: true, path: '/opt/chromium/chrome' });
    expect(lookForChromium({ CHROME_PATH: '/opt/chrome/chrome' }, exists)).toEqual({ found: true, path: '/opt/chrome/chrome' });
  });

  it('says so when a variable names no file, rather than quietly using another browser', () => {
    expect(lookForChromium({ CHROMIUM_PATH: '/nowhere/chrome' }, only('/usr/bin/chromium'))).toEqual({ found: false, reason: 'CHROMIUM_PATH is set to /nowhere/chrome, but there is no file there.' });
  });

  it('finds the usual places in order', () => {
    expect(lookForChromium({}, only('/usr/bin/google-chrome', '/usr/bin/chromium-browser'))).toEqual({ found: true, path: '/usr/bin/chromium-browser' });
    expect(CHROMIUM_CANDIDATES[0]).toBe('/usr/bin/chromium');
  });

  it('without any, says where it looked', () => {
    const lookup = lookForChromium({}, only());
    expect(lookup).toMatchObject({ found: false, reason: expect.stringContaining('/usr/bin/chromium, /usr/bin/chromium-browser') });
  });
});
