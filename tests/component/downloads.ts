/**
 * What a page hands the browser as downloads (an object URL clicked on an anchor), caught
 * for component tests: `captureDownloads()` stubs both for each test and answers the list.
 * jsdom's Blob has no `text()` or `bytes()`; FileReader reads it as a browser would.
 */
import { afterEach, beforeEach, vi } from 'vitest';

export interface Download {
  readonly name: string;
  readonly blob: Blob;
}

export function captureDownloads(): Download[] {
  const downloads: Download[] = [];
  beforeEach(() => {
    downloads.length = 0;
    let lastBlob: Blob | undefined;
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => ((lastBlob = blob), 'blob:test'), revokeObjectURL: () => undefined }));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, blob: lastBlob as Blob });
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });
  return downloads;
}

function read<T>(blob: Blob | undefined, how: (reader: FileReader, blob: Blob) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as T);
    reader.onerror = () => reject(reader.error);
    how(reader, blob as Blob);
  });
}

export const blobText = (blob: Blob | undefined): Promise<string> => read<string>(blob, (reader, b) => reader.readAsText(b));

export const blobBytes = async (blob: Blob | undefined): Promise<Uint8Array> => new Uint8Array(await read<ArrayBuffer>(blob, (reader, b) => reader.readAsArrayBuffer(b)));
