/** How a job run reads in the Activity view. Pure functions, tested in tests/component. */
import type { JobOutcome, JobRun, JobRunKind } from '../../../../src-preload/contract';

export const KIND_LABELS: Record<JobRunKind, string> = {
  nudge: 'Nudge',
  report: 'Monthly report',
  mail: 'Mail',
  backup: 'Backup',
};

/**
 * Each outcome in words and a symbol, so a badge says what happened without its colour
 * (the symbol is decoration: screen readers read the word).
 */
export const OUTCOMES: Record<JobOutcome, { readonly text: string; readonly symbol: string }> = {
  done: { text: 'Done', symbol: '✓' },
  failed: { text: 'Failed', symbol: '✕' },
  missed: { text: 'Missed', symbol: '○' },
  skipped: { text: 'Skipped', symbol: '–' },
};

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * What the run was about: the kind, and the day it concerns (a report: its month). The day
 * is a calendar day of the profile, so it is formatted as a date, not as a moment in a zone.
 */
export function runSubject(run: Pick<JobRun, 'kind' | 'day'>): string {
  const label = KIND_LABELS[run.kind];
  if (run.day === null) return label;
  const date = new Date(`${run.day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return `${label} · ${run.day}`;
  return `${label} · ${(run.kind === 'report' ? monthFormat : dayFormat).format(date)}`;
}

/** Whether a run came a minute or more after it was due (the app was closed, or asleep): the view then shows when it was due. */
export function ranLate(run: Pick<JobRun, 'dueAt' | 'ranAt'>): boolean {
  return Date.parse(run.ranAt) - Date.parse(run.dueAt) >= 60_000;
}
