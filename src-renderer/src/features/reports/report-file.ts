/** Saving a report's PDF, as the core keeps it (base64 over the contract), as a file the person keeps. */
import type { Api } from '../../../../src-preload/contract';
import { saveBlob, type DownloadResult } from '../csv/download';

/** The PDF's bytes from the base64 the contract carries. */
export function pdfBlob(pdfBase64: string): Blob {
  const binary = atob(pdfBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'application/pdf' });
}

/** Fetch the saved report of `month` and download it under the name the core gives. */
export async function downloadReport(api: Api, month: string): Promise<DownloadResult> {
  const result = await api.getReport({ month });
  if (!result.ok) return { ok: false, message: result.error.message };
  saveBlob(result.value.fileName, pdfBlob(result.value.pdfBase64));
  return { ok: true, fileName: result.value.fileName };
}

/** How long the printable page's address stays valid: long enough for the tab to load it. */
const PAGE_URL_KEPT_MS = 60_000;

/**
 * Open the report of `month` as a page in a new tab, for the browser to print where this app
 * cannot make a PDF. The tab is opened before the report is fetched, while the click still
 * counts as the person's own (a tab opened after an await is a pop-up browsers block), and
 * closed again when the report cannot be had.
 */
export async function openPrintablePage(api: Api, month: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const tab = window.open('about:blank', '_blank');
  if (tab === null) return { ok: false, message: 'The browser blocked the new tab: allow pop-ups for this page and try again.' };
  const result = await api.reportPage({ month });
  if (!result.ok) {
    tab.close();
    return { ok: false, message: result.error.message };
  }
  const url = URL.createObjectURL(new Blob([result.value.html], { type: 'text/html' }));
  tab.location.href = url;
  setTimeout(() => URL.revokeObjectURL(url), PAGE_URL_KEPT_MS);
  return { ok: true };
}
