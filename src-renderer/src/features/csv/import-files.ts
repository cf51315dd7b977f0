/**
 * Files the person picked, read as text for an import. A folder pick (Loop's unpacked
 * export: `001 Meditate/Checkmarks.csv`) keeps each file's path inside the folder, which
 * tells the importer whose checkmarks a file holds; other files of the folder are skipped.
 * A ZIP archive (Loop's export as it comes) gives its CSV entries, paths kept the same way.
 */
import { csvFilesInZip } from './zip-files';

/** The core refuses larger files; saying so before sending spares a long upload. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export interface PickedFile {
  readonly name: string;
  readonly text: string;
}

export type ReadResult = { readonly ok: true; readonly files: PickedFile[] } | { readonly ok: false; readonly message: string };

/** Reads as text; `File.text()` decodes UTF-8 and turns bytes that are not into U+FFFD, which the core refuses by name. */
export async function readPicked(list: Iterable<File>): Promise<ReadResult> {
  const files: PickedFile[] = [];
  for (const file of list) {
    const name = (file.webkitRelativePath || file.name).split('/').slice(file.webkitRelativePath ? 1 : 0).join('/');
    if (file.webkitRelativePath && !/\.csv$/i.test(file.name)) continue;
    if (file.size > MAX_FILE_BYTES) return { ok: false, message: `${name} is larger than 200 MB; split it into smaller files.` };
    if (/\.zip$/i.test(file.name)) {
      const unzipped = csvFilesInZip(name, new Uint8Array(await file.arrayBuffer()), MAX_FILE_BYTES);
      if (!unzipped.ok) return unzipped;
      files.push(...unzipped.files);
      continue;
    }
    files.push({ name, text: await file.text() });
  }
  if (files.length === 0) return { ok: false, message: 'No CSV file was chosen.' };
  return { ok: true, files };
}
