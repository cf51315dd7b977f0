/** The CSV operations of the contract (export, import preview and commit, their progress), each mapped onto the CSV service. */
import type { csvOperations } from '../../src-preload/contract';
import type { Handlers } from './dispatch';
import type { CsvService } from './services/csv';

export type CsvMethod = keyof typeof csvOperations;

export function createCsvHandlers(csv: CsvService): Pick<Handlers, CsvMethod> {
  return {
    exportTrackersCsv: async (_input, ctx) => csv.exportTrackers(ctx.profileId),
    exportLogsCsv: async (input, ctx) => csv.exportLogs(ctx.profileId, input.trackerId),
    exportLogsCsvChunk: async (input, ctx) => csv.exportLogsPart(ctx.profileId, input.trackerId, input.cursor),
    previewImport: async (input, ctx) => csv.preview(ctx.profileId, input),
    commitImport: async (input, ctx) => csv.commit(ctx.profileId, input),
    jobProgress: async (_input, ctx) => ({ job: csv.progress(ctx.profileId) }),
  };
}
