/**
 * A small in-memory stand-in for the core's handlers, enough to exercise the shells'
 * wiring (routes, tokens, status codes) without the store. Operations the shell tests do
 * not need answer INTERNAL ("not faked"). Integration tests with the real core live
 * beside the tests that use this.
 */
import type { Handlers } from '../../../src-main/core/dispatch';
import { fail } from '../../../src-main/core/errors';
import { DEFAULT_NUDGES, DEFAULT_REPORTS, type Log, type Profile, type Tracker } from '../../../src-preload/contract';
import { API_METHODS } from '../../../src-preload/operations';

const SETTINGS = { autoLockMinutes: 15, timeZone: 'UTC', nudges: DEFAULT_NUDGES, reports: DEFAULT_REPORTS };
const NO_KEYCHAIN = { available: false, reason: 'Only the desktop app can remember the key.', enabled: false };

export function fakeHandlers(): Handlers {
  const profiles = new Map<string, { profile: Profile; password: string }>();
  const trackers = new Map<string, Tracker & { profileId: string }>();
  const logs: (Log & { profileId: string })[] = [];
  let next = 0;
  const newId = (): string => `id${(next += 1)}`;
  const profileOf = (id: string): Profile => [...profiles.values()].find((entry) => entry.profile.id === id)?.profile ?? fail('INTERNAL', 'no profile');
  const ownTracker = (trackerId: string, profileId: string) => {
    const tracker = trackers.get(trackerId);
    return tracker && tracker.profileId === profileId ? tracker : fail('TRACKER_NOT_FOUND', 'No such tracker.', 'trackerId');
  };
  const strip = <T extends { profileId: string }>({ profileId: _owner, ...rest }: T): Omit<T, 'profileId'> => rest;

  const faked: Partial<Handlers> = {
    async listProfiles() {
      return { profiles: [...profiles.values()].map(({ profile }) => ({ id: profile.id, email: profile.email })) };
    },
    async signUp(input) {
      if (profiles.has(input.email.toLowerCase())) fail('EMAIL_TAKEN', 'That e-mail already has a profile.', 'email');
      const profile: Profile = { id: newId(), email: input.email, name: input.name, age: input.age ?? 0, gender: input.gender, createdAt: '2026-01-01T00:00:00.000Z' };
      profiles.set(input.email.toLowerCase(), { profile, password: input.password });
      return { profile };
    },
    async logIn(input) {
      const entry = profiles.get(input.email.toLowerCase());
      if (!entry || entry.password !== input.password) return fail('LOGIN_FAILED', 'Wrong e-mail or password.');
      return { profile: entry.profile, newBackupCode: null };
    },
    async logOut() {
      return {};
    },
    async lock() {
      return {};
    },
    async resetPassword() {
      return { backupCode: 'NEW0-CODE-0000-0000-0000' };
    },
    async currentProfile(_input, ctx) {
      return { profile: ctx.profileId === null ? null : profileOf(ctx.profileId) };
    },
    async getSettings() {
      return { settings: SETTINGS, stayUnlocked: NO_KEYCHAIN };
    },
    async listTrackers(_input, ctx) {
      return { trackers: [...trackers.values()].filter((t) => t.profileId === ctx.profileId).map(strip) };
    },
    async createTracker(input, ctx) {
      const settings: Tracker['settings'] =
        input.settings.type === 'multiple_choice'
          ? { type: 'multiple_choice', options: input.settings.options.map((label) => ({ id: newId(), label, archived: false })), multiple: input.settings.multiple }
          : input.settings;
      const tracker: Tracker = { id: newId(), name: input.name, description: input.description, color: '#4477aa', emoji: '', archived: false, pinned: input.pinned, reminder: input.reminder, target: input.target, settings, createdAt: '2026-01-01T00:00:00.000Z' };
      trackers.set(tracker.id, { ...tracker, profileId: ctx.profileId });
      return { tracker };
    },
    async deleteTracker(input, ctx) {
      ownTracker(input.trackerId, ctx.profileId);
      trackers.delete(input.trackerId);
      return {};
    },
    async addLog(input, ctx) {
      ownTracker(input.trackerId, ctx.profileId);
      if (typeof input.value === 'string') fail('LOG_VALUE_INVALID', 'Not a number.', 'value');
      const log: Log = { id: newId(), trackerId: input.trackerId, at: input.at ?? '2026-01-01T08:00:00.000Z', offsetMinutes: 0, value: input.value as Log['value'], note: input.note };
      logs.push({ ...log, profileId: ctx.profileId });
      return { log };
    },
    async listLogs(input, ctx) {
      ownTracker(input.trackerId, ctx.profileId);
      const found = logs.filter((log) => log.trackerId === input.trackerId).reverse().map(strip);
      return { logs: found, total: found.length };
    },
  };
  const notFaked = () => Promise.reject(new Error('not faked'));
  // Every other operation exists (the shells register all of them) and fails loudly if called.
  return Object.fromEntries(API_METHODS.map((method) => [method, faked[method] ?? notFaked])) as Handlers;
}
