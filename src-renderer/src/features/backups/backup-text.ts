/** How a backup reads in Settings and in the picker. Pure. */
import type { Backup } from '../../../../src-preload/contract';
import { sizeText } from '../reports/report-text';

const whenFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** When a backup was made, in the device's zone: "30 Nov 2026, 09:00". */
export function madeAtText(madeAt: string): string {
  const date = new Date(madeAt);
  return Number.isNaN(date.getTime()) ? madeAt : whenFormat.format(date);
}

/** A backup's line: "30 Nov 2026, 09:00 · 42 KB", with why it exists when not a plain backup. */
export function backupLine(backup: Backup): string {
  const what = backup.reason === 'before-restore' ? ' · the profile before a restore' : backup.reason === 'manual' ? ' · made by hand' : '';
  return `${madeAtText(backup.madeAt)} · ${sizeText(backup.size)}${what}`;
}

/** "1 entry", "1,204 entries". */
export const entriesText = (count: number): string => `${count.toLocaleString('en')} ${count === 1 ? 'entry' : 'entries'}`;
