/**
 * The CSV files inside a ZIP archive the person picked: Loop Habit Tracker exports a ZIP
 * (`Habits.csv`, and `001 Meditate/Checkmarks.csv` per habit), and taking it as it is spares
 * unpacking it first. Entries keep their paths inside the archive, which tell the importer
 * whose checkmarks a file holds. Unpacked here with fflate, so only text reaches the core.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { PickedFile } from './import-files';

export type ZipResult = { readonly ok: true; readonly files: PickedFile[] } | { readonly ok: false; readonly message: string };

/** Entries the archiver adds that are not files of the export (macOS resource forks). */
const isNoise = (name: string): boolean => name.startsWith('__MACOSX/') || name.split('/').some((part) => part.startsWith('._'));

const isCsv = (entry: UnzipFileInfo): boolean => /\.csv$/i.test(entry.name) && !isNoise(entry.name);

/**
 * Every CSV entry of `bytes`, in the archive's order, decoded as UTF-8 (bytes that are not
 * become U+FFFD, which the core refuses by the file's name). An entry whose unpacked size
 * passes `maxBytes` is refused before it is unpacked: a small archive can unpack to gigabytes.
 */
export function csvFilesInZip(archive: string, bytes: Uint8Array, maxBytes: number): ZipResult {
  let tooLarge: string | null = null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (entry) => {
        if (!isCsv(entry)) return false;
        if (entry.originalSize > maxBytes) tooLarge ??= entry.name;
        return tooLarge === null;
      },
    });
  } catch {
    return { ok: false, message: `${archive} is not a ZIP archive that can be read (it may be damaged).` };
  }
  if (tooLarge !== null) return { ok: false, message: `${tooLarge} in ${archive} is larger than ${maxBytes / 1024 / 1024} MB; split it into smaller files.` };
  const decoder = new TextDecoder();
  const files = Object.entries(entries).map(([name, content]) => ({ name, text: decoder.decode(content) }));
  if (files.length === 0) return { ok: false, message: `${archive} holds no CSV file.` };
  return { ok: true, files };
}
