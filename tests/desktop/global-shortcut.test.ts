/** The quick-log shortcut: checked before Electron sees it, registered, changed, refused with a reason. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceleratorText, parseAccelerator } from '../../src-main/desktop/tray/accelerator';
import { createGlobalShortcut, DEFAULT_QUICK_LOG_SHORTCUT } from '../../src-main/desktop/tray/global-shortcut';
import { app, globalShortcut, resetFake } from './electron-fake';

vi.mock('electron', () => import('./electron-fake'));

beforeEach(() => resetFake());
afterEach(() => vi.restoreAllMocks());

describe('parseAccelerator', () => {
  it.each([
    ['CommandOrControl+Shift+L', 'linux', 'control+shift+l'],
    ['CommandOrControl+Shift+L', 'darwin', 'command+shift+l'],
    ['cmdorctrl+shift+l', 'win32', 'control+shift+l'],
    ['Shift+Ctrl+L', 'linux', 'control+shift+l'],
    ['Alt+Space', 'linux', 'alt+space'],
    ['Option+Return', 'darwin', 'alt+enter'],
    ['Super+F5', 'linux', 'super+f5'],
    ['Ctrl+Alt+Plus', 'win32', 'alt+control+plus'],
    ['Ctrl+/', 'linux', 'control+/'],
    ['Ctrl+num5', 'linux', 'control+num5'],
    ['MediaPlayPause', 'linux', 'mediaplaypause'],
    ['F13', 'linux', 'f13'],
  ] as const)('%s on %s means %s', (text, platform, canonical) => {
    expect(parseAccelerator(text, platform)).toEqual({ ok: true, canonical });
  });

  it.each([
    ['', /Type a shortcut/],
    ['   ', /Type a shortcut/],
    ['Ctrl+Shift+', /\+ with no key beside it.*Plus/],
    ['Ctrl++', /\+ with no key beside it/],
    ['Ctrl+Shift', /no key after its modifiers/],
    ['Ctrl+Hyper+L', /“Hyper” is not a key/],
    ['Ctrl+L+K', /two keys/],
    ['L+Ctrl', /modifiers must come before the key/],
    ['Ctrl+Control+L', /same modifier twice/],
    ['L', /needs Ctrl, Alt, Cmd or Super/],
    ['Shift+L', /needs Ctrl, Alt, Cmd or Super/],
    ['Escape', /needs Ctrl, Alt, Cmd or Super/],
    ['F5', /needs Ctrl, Alt, Cmd or Super/],
    ['Ctrl+F25', /“F25” is not a key/],
    [`Ctrl+${'Shift+'.repeat(30)}L`, /too long/],
  ])('refuses “%s” and says why', (text, message) => {
    const parsed = parseAccelerator(text, 'linux');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('Super is Cmd on macOS, so Super+Cmd names one modifier twice there', () => {
    expect(parseAccelerator('Super+Cmd+L', 'darwin').ok).toBe(false);
    expect(parseAccelerator('Super+Cmd+L', 'linux').ok).toBe(true);
  });
});

describe('acceleratorText', () => {
  it('names CommandOrControl as the person’s keyboard does', () => {
    expect(acceleratorText('CommandOrControl+Shift+L', 'linux')).toBe('Ctrl+Shift+L');
    expect(acceleratorText('CommandOrControl+Shift+L', 'darwin')).toBe('Cmd+Shift+L');
  });
});

describe('the global shortcut', () => {
  it('registers the default, and pressing it opens the quick-log picker', () => {
    const onPressed = vi.fn();
    const shortcut = createGlobalShortcut(onPressed, 'linux');
    expect(shortcut.apply(DEFAULT_QUICK_LOG_SHORTCUT)).toEqual({ ok: true });
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+L']);
    expect(shortcut.current()).toBe('CommandOrControl+Shift+L');
    globalShortcut.registered.get('CommandOrControl+Shift+L')?.();
    expect(onPressed).toHaveBeenCalledOnce();
  });

  it('is re-registered when changed: the new one in, the old one out', () => {
    const shortcut = createGlobalShortcut(() => {}, 'linux');
    shortcut.apply(DEFAULT_QUICK_LOG_SHORTCUT);
    expect(shortcut.apply('Alt+Shift+Q')).toEqual({ ok: true });
    expect([...globalShortcut.registered.keys()]).toEqual(['Alt+Shift+Q']);
    expect(shortcut.current()).toBe('Alt+Shift+Q');
  });

  it('a shortcut taken by another app gives the message, and the previous one keeps working', () => {
    globalShortcut.taken.add('Ctrl+Alt+T');
    const shortcut = createGlobalShortcut(() => {}, 'linux');
    shortcut.apply(DEFAULT_QUICK_LOG_SHORTCUT);
    const outcome = shortcut.apply('Ctrl+Alt+T');
    expect(outcome).toEqual({
      ok: false,
      message: 'Ctrl+Alt+T is already used by another app, or the system keeps it for itself. Choose another shortcut; Ctrl+Shift+L still works.',
    });
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+L']);
    expect(shortcut.current()).toBe('CommandOrControl+Shift+L');
  });

  it('a taken shortcut at start says no shortcut is set', () => {
    globalShortcut.taken.add('CommandOrControl+Shift+L');
    const outcome = createGlobalShortcut(() => {}, 'darwin').apply(DEFAULT_QUICK_LOG_SHORTCUT);
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/^Cmd\+Shift\+L is already used by another app.*No shortcut is set now\.$/) });
    expect(globalShortcut.registered.size).toBe(0);
  });

  it('a malformed shortcut never reaches Electron and changes nothing', () => {
    const register = vi.spyOn(globalShortcut, 'register');
    const shortcut = createGlobalShortcut(() => {}, 'linux');
    shortcut.apply(DEFAULT_QUICK_LOG_SHORTCUT);
    expect(shortcut.apply('Ctrl+Shift+')).toMatchObject({ ok: false, message: expect.stringMatching(/Plus/) });
    expect(register).toHaveBeenCalledOnce();
    expect(shortcut.current()).toBe('CommandOrControl+Shift+L');
  });

  it('the same keys spelt another way keep the registration instead of failing on it', () => {
    const shortcut = createGlobalShortcut(() => {}, 'linux');
    shortcut.apply(DEFAULT_QUICK_LOG_SHORTCUT);
    expect(shortcut.apply('Shift+Ctrl+L')).toEqual({ ok: true });
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+L']);
  });

  it('an empty shortcut turns it off', () => {
    const shortcut = createGlobalShortcut(() => {}, 'linux');
    shortcut.apply(DEFAULT_QUICK_LOG_SHORTCUT);
    expect(shortcut.apply('')).toEqual({ ok: true });
    expect(globalShortcut.registered.size).toBe(0);
    expect(shortcut.current()).toBeNull();
  });

  it('is given back when the app quits', () => {
    createGlobalShortcut(() => {}, 'linux').apply(DEFAULT_QUICK_LOG_SHORTCUT);
    app.emit('will-quit');
    expect(globalShortcut.registered.size).toBe(0);
  });

  it('says so when Electron itself refuses the text', () => {
    vi.spyOn(globalShortcut, 'register').mockImplementation(() => {
      throw new Error('conversion failure');
    });
    const outcome = createGlobalShortcut(() => {}, 'linux').apply('Ctrl+Shift+L');
    expect(outcome).toEqual({ ok: false, message: 'Ctrl+Shift+L cannot be used as a shortcut (conversion failure).' });
  });
});
