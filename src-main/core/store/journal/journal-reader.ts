/**
 * Reading a journal: every record in order, and what its end looks like. A file that ends
 * inside a record (a crash during an append, which was never acknowledged) is `torn`, with
 * the offset where its whole records end so the writer can cut it there. Anything else that
 * does not read back — a changed byte, a record missing or out of place, another journal's
 * record — is `damaged`: nothing after it is trusted, nothing is dropped, the file is kept.
 */
import { AppFailure } from '../../errors';
import { errorCode, type FsPort } from '../fs-port';
import { decodeJournalHeader, decodeRecordAt, JOURNAL_HEADER_BYTES, type JournalEntry, type JournalHeader } from './record-format';

export type JournalScan =
  | {
      readonly kind: 'read';
      /** Null when the file is shorter than its header (it was being made: no record). */
      readonly header: JournalHeader | null;
      readonly entries: readonly JournalEntry[];
      /** Where the whole records end. */
      readonly end: number;
      /** Set when bytes follow `end`: an unfinished append to cut off. */
      readonly torn: { readonly at: number; readonly reason: string } | null;
    }
  | { readonly kind: 'damaged'; readonly at: number; readonly reason: string }
  | { readonly kind: 'too-new'; readonly version: number };

/** Every whole record of a journal file's bytes, in order. Pure; never throws on any bytes. */
export function scanJournal(key: Buffer, bytes: Buffer): JournalScan {
  const head = decodeJournalHeader(key, bytes);
  if (head.kind === 'torn') return { kind: 'read', header: null, entries: [], end: 0, torn: bytes.length > 0 ? { at: 0, reason: 'the file ends inside its header' } : null };
  if (head.kind === 'damaged') return { kind: 'damaged', at: 0, reason: head.reason };
  if (head.kind === 'too-new') return head;
  const entries: JournalEntry[] = [];
  let offset = JOURNAL_HEADER_BYTES;
  for (;;) {
    const read = decodeRecordAt(key, head.fields, bytes, offset, head.header.firstSeq + entries.length);
    switch (read.kind) {
      case 'end':
        return { kind: 'read', header: head.header, entries, end: offset, torn: null };
      case 'torn':
        return { kind: 'read', header: head.header, entries, end: offset, torn: { at: offset, reason: read.reason } };
      case 'damaged':
        return { kind: 'damaged', at: offset, reason: read.reason };
      case 'record':
        entries.push(read.entry);
        offset = read.next;
    }
  }
}

/** A journal file that reads back (torn tail or not). */
export type JournalFileRead = Extract<JournalScan, { kind: 'read' }>;

/**
 * Reads `file` through the raw port (the journal encrypts its own records: a codec port
 * would try to open it as one envelope). Damage is DATA_FILE_DAMAGED and a newer format
 * DATA_FILE_TOO_NEW; the file is left exactly as it is either way.
 */
export async function readJournalFile(fs: FsPort, key: Buffer, file: string, shownAs: string): Promise<JournalFileRead | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readBytes(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  const scan = scanJournal(key, bytes);
  if (scan.kind === 'read') return scan;
  if (scan.kind === 'too-new') {
    throw new AppFailure(
      'DATA_FILE_TOO_NEW',
      `The journal ${shownAs} was written by a newer version of Quantified Self (format ${String(scan.version)}). Please update the app; the file was left untouched.`,
    );
  }
  throw new AppFailure(
    'DATA_FILE_DAMAGED',
    `The journal ${shownAs} is damaged at byte ${String(scan.at)} (${scan.reason}). It was left as it is; no write was dropped and nothing more is written to it.`,
  );
}
