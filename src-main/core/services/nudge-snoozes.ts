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
}
