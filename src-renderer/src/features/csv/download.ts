/**
 * Saving a CSV the app produced as a file the person keeps: a Blob behind an `<a download>`
 * works the same in the desktop window and in a browser tab. `downloadCsv` is the one
 * export entry point for any page (the tracker page may offer its own tracker's logs).
 */
import type { Api } from '../../../../src-preload/contract';
import { CSV_BYTE_ORDER_MARK } from '../../../../src-preload/csv-file';

export type ExportKind = 'trackers' | 'logs';

const CSV_TYPE = 'text/csv;charset=utf-8';

/**
 * Hand `blob` to the browser as a file named `fileName`: any file the app produced (a CSV,
 * a report's PDF) is saved this one way.
 */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Hand `parts` (joined in order) to the browser as a CSV file named `fileName`, starting
 * with the byte-order mark the app's texts leave out (see csv-file.ts).
 */
export function saveParts(fileName: string, parts: readonly BlobPart[]): void {
  saveBlob(fileName, new Blob([CSV_BYTE_ORDER_MARK, ...parts], { type: CSV_TYPE }));
}

/** Hand `text` to the browser as a CSV file named `fileName`. */
export function saveText(fileName: string, text: string): void {
  saveParts(fileName, [text]);
}

export type DownloadResult = { readonly ok: true; readonly fileName: string } | { readonly ok: false; readonly message: string };

/** Months of entries written so far, of the total, after each part of a logs export. */
export type ExportProgress = (progress: { readonly done: number; readonly total: number }) => void;

/**
 * Export the trackers, all logs, or one tracker's logs, and download the file. Logs come
 * in parts (`exportLogsCsvChunk`): each part becomes a Blob at once, so the browser holds
 * the text outside the page's memory and the file is never one giant string.
 */
export async function downloadCsv(api: Api, kind: ExportKind, trackerId?: string, onProgress?: ExportProgress): Promise<DownloadResult> {
  if (kind === 'trackers') {
    const result = await api.exportTrackersCsv({});
    if (!result.ok) return { ok: false, message: result.error.message };
    saveText(result.value.fileName, result.value.csv);
    return { ok: true, fileName: result.value.fileName };
  }
  const filter = trackerId === undefined ? {} : { trackerId };
  const parts: Blob[] = [];
  let cursor: string | undefined;
  for (;;) {
    const result = await api.exportLogsCsvChunk(cursor === undefined ? filter : { ...filter, cursor });
    if (!result.ok) return { ok: false, message: result.error.message };
    const { csv, fileName, done, total } = result.value;
    parts.push(new Blob([csv], { type: CSV_TYPE }));
    onProgress?.({ done, total });
    if (result.value.cursor === null) {
      saveParts(fileName, parts);
      return { ok: true, fileName };
    }
    cursor = result.value.cursor;
  }
}
