/**
 * Electron accelerators (`CommandOrControl+Shift+L`) checked before Electron sees them:
 * `globalShortcut.register` throws on some malformed text and silently refuses other, and a
 * person typing a shortcut in Settings deserves to hear what is wrong with it.
 * Names as in Electron's accelerator documentation; case does not matter.
 */

/** Each modifier name, and what it means on macOS and elsewhere (`CommandOrControl` differs). */
const MODIFIERS: Readonly<Record<string, { readonly mac: string; readonly other: string }>> = {
  command: { mac: 'command', other: 'command' },
  cmd: { mac: 'command', other: 'command' },
  control: { mac: 'control', other: 'control' },
  ctrl: { mac: 'control', other: 'control' },
  commandorcontrol: { mac: 'command', other: 'control' },
  cmdorctrl: { mac: 'command', other: 'control' },
  alt: { mac: 'alt', other: 'alt' },
  option: { mac: 'alt', other: 'alt' },
  altgr: { mac: 'altgr', other: 'altgr' },
  shift: { mac: 'shift', other: 'shift' },
  // Super is the Windows key on Windows and Linux, and Cmd on macOS.
  super: { mac: 'command', other: 'super' },
  meta: { mac: 'command', other: 'super' },
};

const NAMED_KEYS: Readonly<Record<string, string>> = {
  plus: 'plus',
  space: 'space',
  tab: 'tab',
  capslock: 'capslock',
  numlock: 'numlock',
  scrolllock: 'scrolllock',
  backspace: 'backspace',
  delete: 'delete',
  insert: 'insert',
  return: 'enter',
  enter: 'enter',
  up: 'up',
  down: 'down',
  left: 'left',
  right: 'right',
  home: 'home',
  end: 'end',
  pageup: 'pageup',
  pagedown: 'pagedown',
  escape: 'escape',
  esc: 'escape',
  volumeup: 'volumeup',
  volumedown: 'volumedown',
  volumemute: 'volumemute',
  medianexttrack: 'medianexttrack',
  mediaprevioustrack: 'mediaprevioustrack',
  mediastop: 'mediastop',
  mediaplaypause: 'mediaplaypause',
  printscreen: 'printscreen',
  numdec: 'numdec',
  numadd: 'numadd',
  numsub: 'numsub',
  nummult: 'nummult',
  numdiv: 'numdiv',
};

/** Punctuation keys Electron names by their character (`+` is written `Plus`). */
const PUNCTUATION = new Set(Array.from(')!@#$%^&*(:;=<,_->.?/~`{][|\\}"'));

/**
 * Keys no app uses on their own (media keys, F13–F24): only these may make a shortcut
 * without Ctrl, Alt, Cmd or Super. Any other key alone, or with Shift only, would be taken
 * from every other app while this one runs.
 */
function standsAlone(key: string): boolean {
  return /^(volume|media)/.test(key) || /^f(1[3-9]|2[0-4])$/.test(key);
}

function keyOf(part: string): string | null {
  const lower = part.toLowerCase();
  if (/^[a-z0-9]$/.test(lower) || PUNCTUATION.has(lower)) return lower;
  if (/^f([1-9]|1\d|2[0-4])$/.test(lower)) return lower;
  if (/^num\d$/.test(lower)) return lower;
  return NAMED_KEYS[lower] ?? null;
}

export type Platform = NodeJS.Platform;

/** A parsed accelerator: its meaning (modifiers sorted, names canonical) on `platform`. */
export type ParsedAccelerator = { readonly ok: true; readonly canonical: string } | { readonly ok: false; readonly message: string };

export const ACCELERATOR_MAX_LENGTH = 100;

const EXAMPLE = 'such as Ctrl+Shift+L';

/** Check an accelerator and say in words what is wrong with it. */
export function parseAccelerator(text: string, platform: Platform): ParsedAccelerator {
  const fail = (message: string): ParsedAccelerator => ({ ok: false, message });
  const trimmed = text.trim();
  if (trimmed === '') return fail(`Type a shortcut, ${EXAMPLE}.`);
  if (trimmed.length > ACCELERATOR_MAX_LENGTH) return fail(`A shortcut is a few keys, ${EXAMPLE}; this text is too long.`);
  const parts = trimmed.split('+').map((part) => part.trim());
  if (parts.some((part) => part === '')) {
    return fail(`“${trimmed}” has a + with no key beside it. Keys are joined by +, ${EXAMPLE}; the + key itself is written Plus.`);
  }
  const modifiers = new Set<string>();
  let key: string | null = null;
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (modifier !== undefined) {
      const meaning = platform === 'darwin' ? modifier.mac : modifier.other;
      if (modifiers.has(meaning)) return fail(`“${trimmed}” names the same modifier twice.`);
      if (key !== null) return fail(`In “${trimmed}” the modifiers must come before the key, ${EXAMPLE}.`);
      modifiers.add(meaning);
      continue;
    }
    const named = keyOf(part);
    if (named === null) return fail(`“${part}” is not a key a shortcut can use. Use modifiers (Ctrl, Alt, Shift, Cmd, Super) and one key, ${EXAMPLE}, F5 or Space.`);
    if (key !== null) return fail(`“${trimmed}” has two keys; a shortcut has modifiers and one key, ${EXAMPLE}.`);
    key = named;
  }
  if (key === null) return fail(`“${trimmed}” has no key after its modifiers, ${EXAMPLE}.`);
  const strong = [...modifiers].some((modifier) => modifier !== 'shift');
  if (!strong && !standsAlone(key)) {
    return fail(`A shortcut that works in every app needs Ctrl, Alt, Cmd or Super, or every other app would lose that key: ${EXAMPLE}.`);
  }
  return { ok: true, canonical: [...[...modifiers].sort(), key].join('+') };
}

/** An accelerator as a person reads it on their platform (`CommandOrControl+Shift+L` → `Ctrl+Shift+L`). */
export function acceleratorText(text: string, platform: Platform): string {
  const mac = platform === 'darwin';
  const names: Readonly<Record<string, string>> = {
    commandorcontrol: mac ? 'Cmd' : 'Ctrl',
    cmdorctrl: mac ? 'Cmd' : 'Ctrl',
    command: 'Cmd',
    cmd: 'Cmd',
    control: 'Ctrl',
    ctrl: 'Ctrl',
    option: mac ? 'Option' : 'Alt',
  };
  return text
    .trim()
    .split('+')
    .map((part) => names[part.trim().toLowerCase()] ?? part.trim())
    .join('+');
}
