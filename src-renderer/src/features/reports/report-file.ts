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
