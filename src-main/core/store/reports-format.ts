/**
 * reports/<YYYY-MM>.json: one monthly report's PDF, kept inside the profile and encrypted
 * like every profile file (the PDF names trackers and quotes notes: it is as private as the
 * entries it is made from). Base64 inside a versioned JSON document, so it goes through the
 * same codec, atomic writer and damage checks as every other file instead of a side road for
 * binary files.
 */
import { z } from 'zod';
import { month } from '../../../src-preload/contract/jobs';
import type { FileFormat } from './versioned-json-adapter';

export const REPORTS_FOLDER = 'reports';

export const reportFileSchema = z.object({
  version: z.literal(1),
  /** The month reported on, `YYYY-MM`; the file's name says the same. */
  month,
  /** When it was made (UTC ISO). */
  createdAt: z.string(),
  /** The PDF, base64. */
  pdf: z.string().min(1).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Expected base64.'),
});
export type ReportFile = z.infer<typeof reportFileSchema>;

export const reportFileFormat: FileFormat<ReportFile> = { label: 'report', version: 1, schema: reportFileSchema, migrations: {} };

const REPORT_NAME = /^(\d{4}-(?:0[1-9]|1[0-2]))\.json$/;
/** The month of a report file's name, or null for anything else (temp files, backups). */
export const reportFileMonth = (fileName: string): string | null => REPORT_NAME.exec(fileName)?.[1] ?? null;

/**
 * reports.json: what the Reports page lists (month, size, when made), so listing does not
 * decrypt every PDF (twelve 1 MB reports took 333 ms to list that way). The report files
 * are the truth: one whose entry is missing (a crash between the two writes) is read and
 * listed all the same.
 */
export const reportIndexSchema = z.object({
  version: z.literal(1),
  reports: z.array(z.object({ month, size: z.number().int().min(0), createdAt: z.string() })),
});
export type ReportIndex = z.infer<typeof reportIndexSchema>;

export const REPORT_INDEX_FILE = 'reports.json';
export const reportIndexFormat: FileFormat<ReportIndex> = { label: 'reports list', version: 1, schema: reportIndexSchema, migrations: {} };
export const emptyReportIndex = (): ReportIndex => ({ version: 1, reports: [] });
