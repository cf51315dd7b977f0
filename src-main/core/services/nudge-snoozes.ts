/**
 * Nudges the person snoozed ("Snooze 1 hour"), kept in the core's worker for the job
 * runner: it holds back a snoozed tracker's nudge until the time is up, then takes the
 * snooze and nudges again for the trackers still without an entry. The shell hands a
 * snooze over with the `snoozeNudge` control (host/channel.ts).
 *
 * Kept in memory only: a snooze forgotten when the app quits (or the worker restarts) costs
 * one reminder, which is why it is not worth a file of its own.
 */
export interface SnoozedNudge {
  readonly profileId: string;
  readonly trackerIds: readonly string[];
}

/** One tracker's snooze that has ended, with its end (ms since the epoch). */
export interface EndedSnooze {
  readonly trackerId: string;
  readonly until: number;
}

export class NudgeSnoozes {
  /** profileId → trackerId → until (ms since the epoch). */
  readonly #until = new Map<string, Map<string, number>>();

  /** Hold back the trackers' nudges until `until`; a tracker already snoozed keeps the later time. */
  snooze(profileId: string, trackerIds: readonly string[], until: number): void {
    const trackers = this.#until.get(profileId) ?? new Map<string, number>();
    for (const trackerId of trackerIds) trackers.set(trackerId, Math.max(until, trackers.get(trackerId) ?? until));
    if (trackers.size > 0) this.#until.set(profileId, trackers);
  }

  /** Whether the tracker's nudge is held back at `now`. */
  isSnoozed(profileId: string, trackerId: string, now: number): boolean {
    const until = this.#until.get(profileId)?.get(trackerId);
    return until !== undefined && now < until;
  }

  /** The snoozes whose time has come, per profile, taken out (so each is nudged again once). */
  takeDue(now: number): SnoozedNudge[] {
    const due: SnoozedNudge[] = [];
    for (const [profileId, trackers] of this.#until) {
      const trackerIds = [...trackers].filter(([, until]) => until <= now).map(([trackerId]) => trackerId);
      for (const trackerId of trackerIds) trackers.delete(trackerId);
      if (trackers.size === 0) this.#until.delete(profileId);
      if (trackerIds.length > 0) due.push({ profileId, trackerIds });
    }
    return due;
  }

  /** One profile's snoozes that have ended at `now`, taken out; the runner looks at one profile at a time and must leave the others' snoozes in place. */
  takeDueOf(profileId: string, now: number): EndedSnooze[] {
    const trackers = this.#until.get(profileId);
    if (trackers === undefined) return [];
    const ended = [...trackers].filter(([, until]) => until <= now).map(([trackerId, until]) => ({ trackerId, until }));
    for (const { trackerId } of ended) trackers.delete(trackerId);
    if (trackers.size === 0) this.#until.delete(profileId);
    return ended;
  }

  /** When the profile's earliest snooze ends (ms since the epoch), or null when none is held. */
  nextEndOf(profileId: string): number | null {
    const trackers = this.#until.get(profileId);
    return trackers === undefined || trackers.size === 0 ? null : Math.min(...trackers.values());
  }
}
