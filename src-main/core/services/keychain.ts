/**
 * The port behind "stay unlocked on this computer": somewhere outside the data folder that
 * keeps a profile's data key protected by the operating system (the desktop shell
 * implements it with Electron `safeStorage`). The browser shell has none.
 */
export interface KeychainAvailability {
  readonly available: boolean;
  /** Why not, in words for the settings screen; null when available. */
  readonly reason: string | null;
}

export interface Keychain {
  /** Asked each time: a secret service may start or stop while the app runs. */
  availability(): Promise<KeychainAvailability>;
  save(profileId: string, dataKey: Buffer): Promise<void>;
  /** The remembered key, or null when none is kept (or it can no longer be read). */
  load(profileId: string): Promise<Buffer | null>;
  forget(profileId: string): Promise<void>;
}

export const NO_KEYCHAIN: KeychainAvailability = {
  available: false,
  reason: 'Only the desktop app can remember the key; in browser mode you always enter your password.',
};
