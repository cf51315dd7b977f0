/**
 * A small in-memory stand-in for the core's handlers, enough to exercise the shells'
 * wiring (routes, tokens, status codes) without the store. Integration tests with the
 * real core live beside the tests that use this.
 */
import type { Handlers } from '../../../src-main/core/dispatch';
import { fail } from '../../../src-main/core/errors';
import type { Log, Profile, Tracker } from '../../../src-preload/contract';

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

  return {
    async signUp(input) {
      if (profiles.has(input.email.toLowerCase())) fail('EMAIL_TAKEN', 'That e-mail already has a profile.', 'email');
      const profile: Profile = { id: newId(), email: input.email, name: input.name, age: input.age, gender: input.gender, createdAt: '2026-01-01T00:00:00.000Z' };
      profiles.set(input.email.toLowerCase(), { profile, password: input.password });
      return { profile };
    },
    async logIn(input) {
      const entry = profiles.get(input.email.toLowerCase());
      if (!entry || entry.password !== input.password) return fail('LOGIN_FAILED', 'Wrong e-mail or password.');
      return { profile: entry.profile };
    },
    async logOut() {
      return {};
    },
    async resetPassword() {
      return {};
    },
    async currentProfile(_input, ctx) {
      return { profile: ctx.profileId === null ? null : profileOf(ctx.profileId) };
    },
    async listTrackers(_input, ctx) {
      return { trackers: [...trackers.values()].filter((t) => t.profileId === ctx.profileId).map(strip) };
    },
    async createTracker(input, ctx) {
      const settings: Tracker['settings'] =
        input.settings.type === 'multiple_choice'
          ? { type: 'multiple_choice', options: input.settings.options.map((label) => ({ id: newId(), label })) }
          : input.settings;
      const tracker = { id: newId(), name: input.name, description: input.description, settings, createdAt: '2026-01-01T00:00:00.000Z' };
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
      return { logs: logs.filter((log) => log.trackerId === input.trackerId).reverse().map(strip) };
    },
  };
}
