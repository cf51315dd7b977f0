/** Profiles and settings shared by the session and settings component tests. */
import { DEFAULT_NUDGES, DEFAULT_REPORTS, type Profile, type ProfileSummary, type Settings, type StayUnlocked } from '../../src-preload/contract';

export const ada: Profile = {
  id: 'p-ada',
  email: 'ada@example.org',
  name: 'Ada',
  age: 36,
  gender: 'female',
  createdAt: '2026-01-01T00:00:00.000Z',
};

export const summaries: ProfileSummary[] = [
  { id: 'p-ada', email: 'ada@example.org' },
  { id: 'p-grace', email: 'grace@example.org' },
];

export const settings: Settings = { autoLockMinutes: 15, timeZone: 'Europe/Paris', nudges: DEFAULT_NUDGES, reports: DEFAULT_REPORTS };

export const noStayUnlocked: StayUnlocked = {
  available: false,
  reason: 'Browser mode cannot keep the key in a keychain.',
  enabled: false,
};
