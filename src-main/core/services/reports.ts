/**
 * The profile's saved monthly reports (reports/<YYYY-MM>.json, store/reports-format.ts):
 * saved by the job runner or on demand, listed by the Reports page, given back as the PDF.
 * Each is read when asked for and not kept in memory: a year of PDFs has no business
 * staying in the worker; the list comes from a small index (reports.json). Encrypted through the profile's codec, so a locked profile can
 * neither save nor read one (SESSION_LOCKED).
 */
import { join } from 'node:path';
import { month as monthSchema } from '../../../src-preload/contract/jobs';
import { fail } from '../errors';
import { errorCode } from '../store/fs-port';
import type { KeyedQueue } from '../store/keyed-queue';
import type { ProfileDirectory } from '../store/profile-directory';
import {
  emptyReportIndex,
  REPORT_INDEX_FILE,
  reportFileFormat,
  reportFileMonth,
  reportIndexFormat,
  REPORTS_FOLDER,
  type ReportFile,
  type ReportIndex,
} from '../store/reports-format';
import { VersionedJsonAdapter } from '../store/versioned-json-adapter';
import type { JsonDocument } from '../store/json-document';
import { sessionStore } from './profile-access';

export interface ReportDeps {
  readonly directory: ProfileDirectory;
  readonly queue: KeyedQueue;
}

/** A saved report as the list shows it. */
export interface SavedReport {
  readonly month: string;
  /** The PDF's size in bytes. */
  readonly size: number;
  /** When it was made (UTC ISO). */
  readonly createdAt: string;
}

/** The bytes a base64 text decodes to, without decoding it. */
const decodedSize = (base64: string): number => Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);

function checkedMonth(month: string): string {
  if (!monthSchema.safeParse(month).success) fail('INVALID_INPUT', `A report is named by its month as YYYY-MM, such as 2026-11; "${String(month).slice(0, 40)}" is not one.`, 'month');
  return month;
}

export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  private folder(profileId: string): string {
    return join(this.deps.directory.layout.profileDir(profileId), REPORTS_FOLDER);
  }

  private adapter(profileId: string, month: string): VersionedJsonAdapter<ReportFile> {
    const unlocked = this.deps.directory.requireUnlocked(profileId);
    const { fs, writer, layout } = this.deps.directory.profileDeps(profileId, unlocked.dataKey);
    return new VersionedJsonAdapter(join(this.folder(profileId), `${checkedMonth(month)}.json`), reportFileFormat, fs, writer, layout.dataDir);
  }

  private async index(profileId: string): Promise<JsonDocument<ReportIndex>> {
    return (await sessionStore(this.deps.directory, profileId)).document(REPORT_INDEX_FILE, reportIndexFormat, emptyReportIndex);
  }

  /** Save (or replace) the report of `month`: its file first, then its line in the index. */
  async save(profileId: string, month: string, pdf: Uint8Array, createdAt: Date): Promise<SavedReport> {
    if (pdf.byteLength === 0) fail('INVALID_INPUT', 'A report needs a PDF; the printer gave back nothing.', 'pdf');
    const adapter = this.adapter(profileId, month);
    const index = await this.index(profileId);
    const file: ReportFile = { version: 1, month, createdAt: createdAt.toISOString(), pdf: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64') };
    const saved: SavedReport = { month, size: pdf.byteLength, createdAt: file.createdAt };
    await this.deps.queue.run(`reports:${profileId}`, async () => {
      await adapter.write(file);
      await index.save({ ...index.data, reports: [...index.data.reports.filter((report) => report.month !== month), saved] });
    });
    return saved;
  }

  /** The saved reports, newest month first. */
  async list(profileId: string): Promise<SavedReport[]> {
    const { dataKey } = this.deps.directory.requireUnlocked(profileId);
    let names: string[];
    try {
      names = await this.deps.directory.profileDeps(profileId, dataKey).fs.readdir(this.folder(profileId));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const listed = new Map((await this.index(profileId)).data.reports.map((report) => [report.month, report]));
    const months = names.map(reportFileMonth).filter((month): month is string => month !== null);
    months.sort().reverse();
    const saved: SavedReport[] = [];
    for (const month of months) {
      const known = listed.get(month);
      if (known !== undefined) {
        saved.push(known);
        continue;
      }
      // Saved, but its index line was not (the app stopped between the two writes).
      const file = await this.adapter(profileId, month).read();
      if (file !== null) saved.push({ month, size: decodedSize(file.pdf), createdAt: file.createdAt });
    }
    return saved;
  }

  /** The report of `month`, or REPORT_NOT_FOUND. */
  async get(profileId: string, month: string): Promise<{ readonly month: string; readonly createdAt: string; readonly pdfBase64: string }> {
    const file = await this.adapter(profileId, month).read();
    if (file === null) return fail('REPORT_NOT_FOUND', `There is no saved report for ${month}. Make it from the Reports page.`, 'month');
    return { month, createdAt: file.createdAt, pdfBase64: file.pdf };
  }
}
