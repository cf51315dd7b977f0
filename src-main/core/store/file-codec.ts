/**
 * The byte layer under lowdb: what a data file's text becomes on disk. A profile's files go
 * through an encrypting codec bound to its data key; the store and the services above only
 * ever see JSON text. `codecFs` and `codecWriter` wrap the file-system port and the atomic
 * writer so that every file a profile store reads or writes — including files added later —
 * passes through the codec without the code that names those files knowing about it.
 */
import { relative, sep } from 'node:path';
import { seal, unseal, EnvelopeError } from '../crypto/envelope';
import type { AtomicWriter } from './atomic-writer';
import type { FsPort } from './fs-port';

export interface FileCodec {
  encode(file: string, text: string): string | Buffer;
  /** Throws `FileUnreadable` when the bytes are not a file this codec wrote. */
  decode(file: string, bytes: Buffer): string;
  /** The same as `decode`, as the text's UTF-8 bytes. */
  decodeBytes(file: string, bytes: Buffer): Buffer;
}

/** The bytes of a file cannot be turned back into text: the adapter reports it as damaged. */
export class FileUnreadable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FileUnreadable';
  }
}

export const plainCodec: FileCodec = {
  encode: (_file, text) => text,
  decode: (_file, bytes) => bytes.toString('utf8'),
  decodeBytes: (_file, bytes) => bytes,
};

/** The path of `file` inside the profile folder, with `/` on every system (the envelope's AAD). */
export const profileRelativePath = (profileDir: string, file: string): string => relative(profileDir, file).split(sep).join('/');

/** AES-256-GCM envelopes under the profile's data key (see crypto/envelope.ts). */
export function encryptedCodec(dataKey: Buffer, profileDir: string): FileCodec {
  const decodeBytes = (file: string, bytes: Buffer): Buffer => {
    try {
      return unseal(dataKey, profileRelativePath(profileDir, file), bytes);
    } catch (error) {
      if (error instanceof EnvelopeError) throw new FileUnreadable(error.reason);
      throw error;
    }
  };
  return {
    encode: (file, text) => seal(dataKey, profileRelativePath(profileDir, file), Buffer.from(text, 'utf8')),
    decode: (file, bytes) => decodeBytes(file, bytes).toString('utf8'),
    decodeBytes,
  };
}

/** The same port, with reads decoded by `codec`: text, or the text's bytes. */
export function codecFs(fs: FsPort, codec: FileCodec): FsPort {
  return {
    ...fs,
    readFile: async (path) => codec.decode(path, await fs.readBytes(path)),
    readBytes: async (path) => codec.decodeBytes(path, await fs.readBytes(path)),
  };
}

/** The same writer, with text encoded by `codec` before it is written. */
export function codecWriter(writer: AtomicWriter, codec: FileCodec): AtomicWriter {
  return {
    write: (file, data) => writer.write(file, typeof data === 'string' ? codec.encode(file, data) : data),
    writeBatch: (files) =>
      writer.writeBatch(
        files.map(({ file, data }) => ({
          file,
          // Encoded when the writer gets to it, so only a few files' bytes exist at once.
          data: () => {
            const content = typeof data === 'function' ? data() : data;
            return typeof content === 'string' ? codec.encode(file, content) : content;
          },
        })),
      ),
    idle: () => writer.idle(),
    removeOrphanedTemps: (folder) => writer.removeOrphanedTemps(folder),
  };
}
