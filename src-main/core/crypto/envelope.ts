/**
 * The encrypted file format: every data file of a profile is one envelope
 *
 *   "QSEF" · format version (1 byte) · IV (12 bytes) · GCM tag (16 bytes) · ciphertext
 *
 * sealed with AES-256-GCM under the profile's data key. The header and the file's path
 * inside the profile folder are authenticated data, so a file copied over another one
 * (yesterday's shard over today's, one tracker's over another's) fails to open instead of
 * being read as the wrong data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('QSEF', 'latin1');
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1;
const PREAMBLE_BYTES = HEADER_BYTES + IV_BYTES + TAG_BYTES;

/** Why an envelope could not be opened, in words for the "data file damaged" message. */
export class EnvelopeError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'EnvelopeError';
  }
}

/** True when the bytes start like an envelope (how an interrupted upgrade tells done files apart). */
export const isEnvelope = (bytes: Uint8Array): boolean =>
  bytes.length >= HEADER_BYTES && Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC);

const header = (): Buffer => Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION])]);
const associated = (head: Buffer, label: string): Buffer => Buffer.concat([head, Buffer.from(label, 'utf8')]);

/** Encrypt `plaintext` bound to `label` (the file's path inside the profile folder). */
export function seal(key: Buffer, label: string, plaintext: Buffer): Buffer {
  const head = header();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associated(head, label));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([head, iv, cipher.getAuthTag(), body]);
}

/** Decrypt an envelope sealed for `label`; any change to any byte throws EnvelopeError. */
export function unseal(key: Buffer, label: string, bytes: Buffer): Buffer {
  if (!isEnvelope(bytes)) throw new EnvelopeError('it is not an encrypted Quantified Self file');
  if (bytes.length < PREAMBLE_BYTES) throw new EnvelopeError('it is truncated');
  const version = bytes[MAGIC.length];
  if (version !== FORMAT_VERSION) throw new EnvelopeError(`its encryption format ${String(version)} is unknown to this version of the app`);
  const head = bytes.subarray(0, HEADER_BYTES);
  const iv = bytes.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const tag = bytes.subarray(HEADER_BYTES + IV_BYTES, PREAMBLE_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(associated(Buffer.from(head), label));
  decipher.setAuthTag(tag);
  try {
    const plaintext = decipher.update(bytes.subarray(PREAMBLE_BYTES));
    // GCM gives every byte from `update`; `final` only checks the tag (and returns nothing),
    // so there is no second piece to join — joining copied every file once more.
    decipher.final();
    return plaintext;
  } catch {
    throw new EnvelopeError('it fails its integrity check: it was changed, truncated, or copied from another file');
  }
}
