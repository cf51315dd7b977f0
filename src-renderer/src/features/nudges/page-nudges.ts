/**
 * Which nudges the page shows as browser notifications: today's nudges the host could not
 * show (recorded `failed` — no notification service where the server runs, or the server on
 * another computer), not shown by this browser yet, one notification per due moment. A nudge
 * the host did show is not repeated here, so a person at the server's computer is nudged once.
 */
import type { JobRun, NudgeSettings } from '../../../../src-preload/contract';
import { nudgeText } from '../../../../src-preload/jobs/nudge-text';
import { nudgeOfKey } from '../../../../src-preload/jobs/run-keys';

export interface PageNudge {
  /** One per day and due moment: a notification shown again replaces the first. */
  readonly tag: string;
  readonly title: string;
  readonly body: string;
  /** The trackers it is about, in the order of the runs. */
  readonly trackerIds: readonly string[];
  /** The runs it shows, to remember as shown. */
  readonly runIds: readonly string[];
}

/** The runs that could become a page nudge: today's nudges the host did not show, not shown here yet. */
export function unshownNudgeRuns(runs: readonly JobRun[], today: string, shown: ReadonlySet<string>): JobRun[] {
  return runs.filter((run) => run.kind === 'nudge' && run.outcome === 'failed' && run.day === today && !shown.has(run.id) && nudgeOfKey(run.key) !== null);
}

/**
 * The notifications to show for `runs` (from {@link unshownNudgeRuns}), oldest due first,
 * saying what the profile's nudge setting allows: names, or the generic text. Trackers no
 * longer listed (deleted since) are left out, and a nudge left with none is not shown.
 */
export function pageNudges(runs: readonly JobRun[], trackerNames: ReadonlyMap<string, string>, text: NudgeSettings['text']): PageNudge[] {
  const byDue = new Map<string, JobRun[]>();
  for (const run of [...runs].reverse()) byDue.set(run.dueAt, [...(byDue.get(run.dueAt) ?? []), run]);
  return [...byDue.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([dueAt, group]) => {
      const trackerIds = [...new Set(group.map((run) => nudgeOfKey(run.key)?.trackerId ?? ''))].filter((id) => trackerNames.has(id));
      if (trackerIds.length === 0) return [];
      const { title, body } = nudgeText(
        trackerIds.map((id) => trackerNames.get(id) ?? ''),
        text,
      );
      return [{ tag: `qs-nudge:${group[0]?.day ?? ''}:${dueAt}`, title, body, trackerIds, runIds: group.map((run) => run.id) }];
    });
}
