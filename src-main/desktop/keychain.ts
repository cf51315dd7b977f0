/**
 * "Stay unlocked on this computer": a profile's data key kept encrypted by the operating
 * system through Electron `safeStorage` (Keychain on macOS, DPAPI on Windows, the secret
 * service on Linux), in the app's own folder — never in the profile folder, so copying a
 * profile somewhere else never carries a way to open it.
 *
 * On Linux without a secret service, safeStorage falls back to a fixed key built into
 * Chromium (backend `basic_text`): anyone could decrypt that, so it counts as unavailable.
 */
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { FOLDER_MODE, nodeFs, removeOrphanedTemps, tempFileFor, type Keychain, type KeychainAvailability } from '../core/index';

const FILE_SUFFIX = '.key';
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface SafeStorageKeychain extends Keychain {
  /** Profiles with a remembered key, for opening one at start. */
  remembered(): Promise<string[]>;
}

export function safeStorageAvailability(platform: NodeJS.Platform = process.platform): KeychainAvailability {
  if (!safeStorage.isEncryptionAvailable()) {
    return { available: false, reason: 'This computer offers no protected storage for keys (no keychain or secret service), so the app cannot remember the key safely.' };
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return {
      available: false,
      reason: 'No secret service (such as GNOME Keyring or KWallet) is running, so keys could only be stored under a fixed built-in password — that is no protection. Install or unlock one to use this.',
    };
  }
  return { available: true, reason: null };
}

export function createSafeStorageKeychain(folder: string, platform: NodeJS.Platform = process.platform): SafeStorageKeychain {
  const fileOf = (profileId: string): string => {
    if (!SAFE_ID.test(profileId)) throw new Error(`Unsafe profile id: ${JSON.stringify(profileId)}`);
    return join(folder, `${profileId}${FILE_SUFFIX}`);
  };
  /** Temp files of saves under way, which a look for leftovers must not remove. */
  const saving = new Set<string>();
  return {
    availability: () => Promise.resolve(safeStorageAvailability(platform)),
    async save(profileId, dataKey) {
      const availability = safeStorageAvailability(platform);
      if (!availability.available) throw new Error(availability.reason ?? 'safeStorage is not available');
      const blob = safeStorage.encryptString(dataKey.toString('base64'));
      await fsp.mkdir(folder, { recursive: true, mode: FOLDER_MODE });
      // Written aside and renamed, so a crash never leaves half a key file.
      const aside = tempFileFor(fileOf(profileId));
      saving.add(aside);
      try {
        await fsp.writeFile(aside, blob, { mode: 0o600 });
        await fsp.rename(aside, fileOf(profileId));
      } finally {
        saving.delete(aside);
      }
    },
    async load(profileId) {
      let blob: Buffer;
      try {
        blob = await fsp.readFile(fileOf(profileId));
      } catch {
        return null;
      }
      try {
        const key = Buffer.from(safeStorage.decryptString(blob), 'base64');
        return key.length === 32 ? key : null;
      } catch {
        // Another user's or machine's blob, or a changed OS keychain: ask for the password.
        return null;
      }
    },
    async forget(profileId) {
      await fsp.rm(fileOf(profileId), { force: true });
    },
    async remembered() {
      // Asked as the app starts: the moment to clear what a crash left half-written.
      await removeOrphanedTemps(nodeFs, folder, (path) => saving.has(path)).catch(() => 0);
      const names = await fsp.readdir(folder).catch(() => [] as string[]);
      return names.filter((name) => name.endsWith(FILE_SUFFIX)).map((name) => name.slice(0, -FILE_SUFFIX.length)).filter((id) => SAFE_ID.test(id));
    },
  };
}
