/**
 * Files the person chose (a file input) or dropped on the page, read as text for an import.
 * A folder (Loop's unpacked export: `001 Meditate/Checkmarks.csv`) keeps each file's path
 * inside the folder, which tells the importer whose checkmarks a file holds; other files of
 * the folder are skipped. A ZIP archive (Loop's export as it comes) gives its CSV entries,
 * paths kept the same way. Choosing and dropping give the same files, so they import alike.
 */
import { csvFilesInZip } from './zip-files';

/** The core refuses larger files; saying so before sending spares a long upload. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

export interface PickedFile {
  readonly name: string;
  readonly text: string;
}

/** One file chosen or dropped; `path` is its place inside a chosen folder (its own name left out), null for a file chosen by itself. */
export interface ChosenFile {
  readonly file: File;
  readonly path: string | null;
}

/** What the person chose: the names as they chose them (files, `folder/`) and every file they stand for. */
export interface Choice {
  readonly names: readonly string[];
  readonly files: readonly ChosenFile[];
}

/** A file input's list: a folder pick (`webkitdirectory`) names each file by its path under the folder. */
export function choiceFromInput(list: Iterable<File>): Choice {
  const files = [...list].map((file) => {
    const [folder, ...inside] = (file.webkitRelativePath || file.name).split('/');
    return { file, path: inside.length > 0 ? inside.join('/') : null, folder: inside.length > 0 ? `${folder}/` : null };
  });
  const names = [...new Set(files.map(({ file, folder }) => folder ?? file.name))];
  return { names, files: files.map(({ file, path }) => ({ file, path })) };
}

const isFileEntry = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectoryEntry = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;

const fileOf = (entry: FileSystemFileEntry): Promise<File> => new Promise((resolve, reject) => entry.file(resolve, reject));

/** A folder's entries by name; `readEntries` answers in batches (100 in Chromium) until an empty one. */
async function entriesOf(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all.sort((a, b) => a.name.localeCompare(b.name));
    all.push(...batch);
  }
}

/** The files of a dropped entry; `under` is the path inside the dropped folder so far, null at the top. */
async function filesOf(entry: FileSystemEntry, under: string | null): Promise<ChosenFile[]> {
  if (isFileEntry(entry)) return [{ file: await fileOf(entry), path: under === null ? null : `${under}${entry.name}` }];
  if (!isDirectoryEntry(entry)) return [];
  const inside = under === null ? '' : `${under}${entry.name}/`;
  const nested = await Promise.all((await entriesOf(entry)).map((child) => filesOf(child, inside)));
  return nested.flat();
}

/**
 * What a drop carried: files, and folders walked to their files (paths as a folder pick
 * gives them). Call it from the drop event itself: the browser empties `data` once the
 * event is over, so the entries are taken before the first await.
 */
export async function choiceFromDrop(data: DataTransfer): Promise<Choice> {
  const entries = [...data.items].filter((item) => item.kind === 'file').map((item) => item.webkitGetAsEntry());
  const files = [...data.files];
  if (entries.length === 0 || entries.some((entry) => entry === null)) {
    // A browser without entries for this drop: its files, as a file input would give them.
    return { names: files.map((file) => file.name), files: files.map((file) => ({ file, path: null })) };
  }
  const dropped = entries.filter((entry) => entry !== null);
  const names = dropped.map((entry) => (entry.isDirectory ? `${entry.name}/` : entry.name));
  return { names, files: (await Promise.all(dropped.map((entry) => filesOf(entry, null)))).flat() };
}

/** "Chosen: a.csv, b.csv and 3 more" — the first few names, so a long choice stays one line. */
export function choiceText(names: readonly string[], shown = 3): string {
  if (names.length === 0) return 'No file chosen yet.';
  const first = names.slice(0, shown).join(', ');
  return names.length > shown ? `Chosen: ${first} and ${names.length - shown} more.` : `Chosen: ${first}.`;
}

export type ReadResult = { readonly ok: true; readonly files: PickedFile[] } | { readonly ok: false; readonly message: string };

/** Reads as text; `File.text()` decodes UTF-8 and turns bytes that are not into U+FFFD, which the core refuses by name. */
export async function readPicked(chosen: Iterable<ChosenFile>): Promise<ReadResult> {
  const files: PickedFile[] = [];
  for (const { file, path } of chosen) {
    const name = path ?? file.name;
    if (path !== null && !/\.csv$/i.test(file.name)) continue;
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
