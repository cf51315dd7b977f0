/**
 * What a profile the app cannot read gets from the jobs. Everything of a profile but its
 * account file is encrypted with a key the core holds only while the profile is unlocked
 * (an open session, or on the desktop "stay unlocked", whose key the keychain gives back).
 * Without it the runner cannot read the nudge time, the trackers, the entries or the run
 * record — it cannot tell whether anything is missing, nor whether it already nudged.
 */

/** How the core holds a profile at a moment. */
export const PROFILE_ACCESS = ['unlocked', 'locked', 'logged-out'] as const;
export type ProfileAccess = (typeof PROFILE_ACCESS)[number];

/**
 * The decision, in one place:
 * - `nudges: 'none'` — no nudge at all while locked or logged out, not even a generic
 *   "time to log": it would fire whether or not anything is missing (teaching people to
 *   ignore nudges), and keeping its time and a "done" mark readable outside the encrypted
 *   profile would leak when the person logs.
 * - `reports: 'none'` — no report while locked: it is made from the entries.
 * - `backups: 'none'` — no backup while locked. Copying the files would need no key, but
 *   whether and where to back up (and how many to keep) are in the encrypted settings, and
 *   an unchanged locked profile needs no new copy: the day's backup is made at unlock.
 * - `onUnlock: 'catch-up'` — the runner does not look at a locked profile, so its last check
 *   stays where it was; at unlock the ordinary rules apply: today's due nudges are shown
 *   (the person is at the app), a past day's are recorded `missed`, and a report whose time
 *   came while locked is made then, once.
 */
export const LOCKED_PROFILE_POLICY = {
  nudges: 'none',
  reports: 'none',
  backups: 'none',
  onUnlock: 'catch-up',
} as const;

/** Whether the runner may look at a profile now: only when it can be read. */
export const jobsMayRun = (access: ProfileAccess): boolean => access === 'unlocked';
