/**
 * The child of journal-crash.test.ts: opens the journal (recovering what a kill left),
 * then appends as fast as 20 concurrent writers can, printing each acknowledged record.
 * Arguments: the journal file, the data key in hex, the run's number.
 */
import { nodeFs } from '../../../../src-main/core/store/fs-port';
import { openJournalWriter } from '../../../../src-main/core/store/journal/journal-writer';

const [file = '', keyHex = '', run = '0'] = process.argv.slice(2);
const writer = await openJournalWriter({ fs: nodeFs, file, key: Buffer.from(keyHex, 'hex'), deviceId: 'crash-device', shownAs: 'journal' });
process.stdout.write(`open ${String(writer.position().seq)}\n`);
let next = 0;
const client = async (): Promise<never> => {
  for (;;) {
    const logId = `r${run}-${String(next++)}`;
    const { seq } = await writer.append({
      type: 'log-added',
      log: { id: logId, trackerId: 'weight', at: '2026-11-25T07:30:00.000Z', offsetMinutes: 60, value: next, note: next % 4 === 0 ? 'x'.repeat(next % 300) : '' },
    });
    // A pipe write is synchronous on Linux: once the parent reads this line, the record was on disk.
    process.stdout.write(`ack ${String(seq)} ${logId}\n`);
  }
};
await Promise.all(Array.from({ length: 20 }, client));
