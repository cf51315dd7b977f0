/**
 * Saving a CSV the app produced as a file the person keeps: a Blob behind an `<a download>`
 * works the same in the desktop window and in a browser tab. `downloadCsv` is the one
 * export entry point for any page (the tracker page may offer its own tracker's logs).
 */
import type { Api } from '../../../../src-preload/contract';

export type ExportKind = 'trackers' | 'logs';

/** Hand `text` to the browser as a download named `fileName`. */
export function saveText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
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

export type DownloadResult = { readonly ok: true; readonly fileName: string } | { readonly ok: false; readonly message: string };

/** Export the trackers, all logs, or one tracker's logs, and download the file. */
export async function downloadCsv(api: Api, kind: ExportKind, trackerId?: string): Promise<DownloadResult> {
  const result = kind === 'trackers' ? await api.exportTrackersCsv({}) : await api.exportLogsCsv(trackerId === undefined ? {} : { trackerId });
  if (!result.ok) return { ok: false, message: result.error.message };
  saveText(result.value.fileName, result.value.csv);
  return { ok: true, fileName: result.value.fileName };
}
