/**
 * The journal's bytes, pure: the file header and one record, encoded and decoded. The
 * layout is drawn in README.md beside this file. Every byte is authenticated under the
 * profile's data key; the header's own fields (magic, version, journal id, first sequence)
 * and each record's head (length, sequence) are associated data of every record, so a record
 * moved within its journal, reordered, or pasted from another journal or profile is refused.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { HLC_MAX_COUNTER, type Hlc } from './hlc';
import { journalOpSchema, type JournalOp } from './operations';

export const JOURNAL_MAGIC = Buffer.from('QSJL', 'latin1');
export const JOURNAL_VERSION = 1;
const JOURNAL_ID_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** magic · version · journal id · first sequence: the part every record's tag covers. */
const HEADER_FIELDS_BYTES = JOURNAL_MAGIC.length + 1 + JOURNAL_ID_BYTES + 8;
/** The fields, then the IV and the GCM tag authenticating them. */
export const JOURNAL_HEADER_BYTES = HEADER_FIELDS_BYTES + IV_BYTES + TAG_BYTES;
/** length (u32) · sequence (u64) · CRC-32 of both (u32). */
const RECORD_HEAD_BYTES = 16;
/** Head, IV, tag: a record's bytes besides its ciphertext. */
export const RECORD_OVERHEAD_BYTES = RECORD_HEAD_BYTES + IV_BYTES + TAG_BYTES;
/** One operation is a log (a note of at most 10,000 characters) or a tracker: far below this. */
export const MAX_PAYLOAD_BYTES = 1 << 20;
/** The smallest payload that could be a record's JSON. */
const MIN_PAYLOAD_BYTES = 2;

/** What the header says about a journal file. */
export interface JournalHeader {
  /** Random per file, hex: a record of another journal file is refused. */
  readonly journalId: string;
  /** The sequence of the file's first record (segments are named by it). */
  readonly firstSeq: number;
}

/** The replication fields and the operation: what a record holds, encrypted. */
export interface JournalRecord {
  /** Stable and unique (random): how a sync engine tells a record it already has. */
  readonly id: string;
  /** The random id of the install that wrote it. */
  readonly device: string;
  /** 1, 2, 3… per device, without gaps among the records it acknowledged. */
  readonly deviceSeq: number;
  readonly hlc: Hlc;
  readonly op: JournalOp;
}

/** A record as read back: its place in the journal and what it holds. */
export interface JournalEntry {
  readonly seq: number;
  readonly record: JournalRecord;
}

const recordSchema = z
  .object({
    id: z.string().min(1).max(64),
    device: z.string().min(1).max(64),
    deviceSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    hlc: z.object({ ms: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), counter: z.number().int().min(0).max(HLC_MAX_COUNTER) }).strict(),
    op: journalOpSchema,
  })
  .strict() satisfies z.ZodType<JournalRecord>;

/** Refuses what a reader would refuse, before it is written. */
export const checkRecord = (record: JournalRecord): { readonly ok: true } | { readonly ok: false; readonly reason: string } => {
  const parsed = recordSchema.safeParse(record);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${issue?.message ?? 'invalid'}${issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : ''}` };
};

export const newJournalId = (): string => randomBytes(JOURNAL_ID_BYTES).toString('hex');

/** The header's fields, which every record's tag covers (the same bytes the file starts with). */
export function journalHeaderFields(header: JournalHeader): Buffer {
  const fields = Buffer.alloc(HEADER_FIELDS_BYTES);
  JOURNAL_MAGIC.copy(fields, 0);
  fields[JOURNAL_MAGIC.length] = JOURNAL_VERSION;
  const id = Buffer.from(header.journalId, 'hex');
  if (id.length !== JOURNAL_ID_BYTES) throw new Error('A journal id is 16 bytes in hex');
  id.copy(fields, JOURNAL_MAGIC.length + 1);
  fields.writeBigUInt64BE(BigInt(header.firstSeq), JOURNAL_MAGIC.length + 1 + JOURNAL_ID_BYTES);
  return fields;
}

/** A new journal file's first bytes. */
export function encodeJournalHeader(key: Buffer, header: JournalHeader): Buffer {
  const fields = journalHeaderFields(header);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(fields);
  cipher.final();
  return Buffer.concat([fields, iv, cipher.getAuthTag()]);
}

export type HeaderRead =
  | { readonly kind: 'header'; readonly header: JournalHeader; readonly fields: Buffer }
  /** Shorter than a header: the file was being made (it is made whole before any record). */
  | { readonly kind: 'torn' }
  | { readonly kind: 'damaged'; readonly reason: string }
  | { readonly kind: 'too-new'; readonly version: number };

/** The header at the start of `bytes`. */
export function decodeJournalHeader(key: Buffer, bytes: Buffer): HeaderRead {
  if (bytes.length < JOURNAL_HEADER_BYTES) {
    // A prefix of a header is one being written; anything else was never a journal.
    return JOURNAL_MAGIC.subarray(0, Math.min(bytes.length, JOURNAL_MAGIC.length)).equals(bytes.subarray(0, JOURNAL_MAGIC.length))
      ? { kind: 'torn' }
      : { kind: 'damaged', reason: 'it is not a journal file' };
  }
  if (!bytes.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)) return { kind: 'damaged', reason: 'it is not a journal file' };
  const fields = Buffer.from(bytes.subarray(0, HEADER_FIELDS_BYTES));
  // The tag is checked first: a version byte changed by damage is damage, not a newer app.
  if (!authentic(key, fields, bytes.subarray(HEADER_FIELDS_BYTES, HEADER_FIELDS_BYTES + IV_BYTES), bytes.subarray(HEADER_FIELDS_BYTES + IV_BYTES, JOURNAL_HEADER_BYTES))) {
    return { kind: 'damaged', reason: 'its header fails its integrity check' };
  }
  const version = fields[JOURNAL_MAGIC.length] ?? 0;
  if (version !== JOURNAL_VERSION) return { kind: 'too-new', version };
  const firstSeq = Number(fields.readBigUInt64BE(JOURNAL_MAGIC.length + 1 + JOURNAL_ID_BYTES));
  if (!Number.isSafeInteger(firstSeq) || firstSeq < 1) return { kind: 'damaged', reason: 'its first sequence number is out of range' };
  const journalId = fields.subarray(JOURNAL_MAGIC.length + 1, JOURNAL_MAGIC.length + 1 + JOURNAL_ID_BYTES).toString('hex');
  return { kind: 'header', header: { journalId, firstSeq }, fields };
}

function authentic(key: Buffer, aad: Buffer, iv: Buffer, tag: Buffer): boolean {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    decipher.final();
    return true;
  } catch {
    return false;
  }
}

/** One record's bytes, at sequence `seq` of the journal whose header fields are `fields`. */
export function encodeRecord(key: Buffer, fields: Buffer, seq: number, record: JournalRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  if (payload.length > MAX_PAYLOAD_BYTES) throw new RangeError(`A journal record is limited to ${String(MAX_PAYLOAD_BYTES)} bytes`);
  const head = recordHead(payload.length, seq);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.concat([fields, head]));
  const body = Buffer.concat([cipher.update(payload), cipher.final()]);
  return Buffer.concat([head, iv, body, cipher.getAuthTag()]);
}

function recordHead(length: number, seq: number): Buffer {
  const head = Buffer.alloc(RECORD_HEAD_BYTES);
  head.writeUInt32BE(length, 0);
  head.writeBigUInt64BE(BigInt(seq), 4);
  head.writeUInt32BE(crc32(head.subarray(0, 12)), 12);
  return head;
}

export type RecordRead =
  | { readonly kind: 'record'; readonly entry: JournalEntry; readonly next: number }
  /** No byte after `offset`. */
  | { readonly kind: 'end' }
  /** The file ends inside this record, or in zeros a crash left: an append that never finished. */
  | { readonly kind: 'torn'; readonly reason: string }
  | { readonly kind: 'damaged'; readonly reason: string };

/**
 * The record starting at `offset`, which must be sequence `expectedSeq`. A record whose
 * head is whole names its length and sequence under a CRC, so a changed length is damage,
 * not a short record; only a file that ends early (or in zeros) reads as torn.
 */
export function decodeRecordAt(key: Buffer, fields: Buffer, bytes: Buffer, offset: number, expectedSeq: number): RecordRead {
  const left = bytes.length - offset;
  if (left === 0) return { kind: 'end' };
  if (allZero(bytes, offset)) return { kind: 'torn', reason: 'the file ends in zeros' };
  if (left < RECORD_HEAD_BYTES) return { kind: 'torn', reason: 'the file ends inside a record head' };
  const head = bytes.subarray(offset, offset + RECORD_HEAD_BYTES);
  if (crc32(head.subarray(0, 12)) !== head.readUInt32BE(12)) return { kind: 'damaged', reason: 'a record head fails its check' };
  const length = head.readUInt32BE(0);
  if (length < MIN_PAYLOAD_BYTES || length > MAX_PAYLOAD_BYTES) return { kind: 'damaged', reason: `a record claims ${String(length)} bytes` };
  const seq = Number(head.readBigUInt64BE(4));
  if (seq !== expectedSeq) return { kind: 'damaged', reason: `record ${String(expectedSeq)} is missing or out of place (found ${String(seq)})` };
  const size = RECORD_OVERHEAD_BYTES + length;
  if (left < size) return { kind: 'torn', reason: 'the file ends inside a record' };
  const ivStart = offset + RECORD_HEAD_BYTES;
  const bodyStart = ivStart + IV_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(ivStart, bodyStart));
  decipher.setAAD(Buffer.concat([fields, head]));
  decipher.setAuthTag(bytes.subarray(bodyStart + length, offset + size));
  let payload: Buffer;
  try {
    payload = decipher.update(bytes.subarray(bodyStart, bodyStart + length));
    decipher.final();
  } catch {
    return { kind: 'damaged', reason: `record ${String(seq)} fails its integrity check` };
  }
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { kind: 'damaged', reason: `record ${String(seq)} is not valid JSON` };
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) return { kind: 'damaged', reason: `record ${String(seq)} holds an unknown operation` };
  return { kind: 'record', entry: { seq, record: parsed.data }, next: offset + size };
}

function allZero(bytes: Buffer, from: number): boolean {
  for (let index = from; index < bytes.length; index++) if (bytes[index] !== 0) return false;
  return true;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE), as zlib computes it (Node 20 has no `zlib.crc32`). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
