/**
 * This install's device id: random, made once, kept in `<dataDir>/device-id` (plain text:
 * it names no person and no data, and every profile's records need it before any log-in).
 * Journal records carry it so a later sync can tell which device wrote what.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AtomicWriter } from '../atomic-writer';
import { errorCode, type FsPort } from '../fs-port';

const DEVICE_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The device id file of a data folder. */
export const deviceIdFile = (dataDir: string): string => join(dataDir, 'device-id');

/**
 * The id in `<dataDir>/device-id`, made (atomically) when there is none. A file that does
 * not hold an id is replaced: the id only has to differ from other devices' ids, and a new
 * one does, while refusing to open would lose every write for want of a label.
 */
export async function loadDeviceId(fs: FsPort, writer: AtomicWriter, dataDir: string, newId: () => string = randomUUID): Promise<string> {
  const file = deviceIdFile(dataDir);
  try {
    const text = (await fs.readFile(file, 'utf8')).trim();
    if (DEVICE_ID.test(text)) return text;
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  const id = newId();
  await writer.write(file, `${id}\n`);
  return id;
}
