/** The import formats by name, as the contract's `kind` names them. */
import type { Draft } from './import-draft';
import { draftFromDaylio } from './daylio-import';
import type { OffsetAt } from './local-moment';
import { draftFromLoop } from './loop-import';
import { ImportPlanner, planImport, type ExistingData, type ImportPlan, type PlanOptions } from './import-plan';
import type { ScanProgress } from './csv-reader';
import { draftFromOurFiles, readOurFiles, type InputFile } from './our-format-import';
import { draftFromTrackAndGraph } from './trackandgraph-import';

import type { ImportKind } from '../../../src-preload/contract';

// The contract names the kinds (`IMPORT_KINDS`); this module maps each onto its importer.
export type { ImportKind } from '../../../src-preload/contract';

export interface DraftPorts {
  readonly newId: () => string;
  /** The person's UTC offset at a moment, for formats whose times have none. */
  readonly offsetAt: OffsetAt;
}

export function draftOf(kind: ImportKind, files: readonly InputFile[], ports: DraftPorts): Draft {
  switch (kind) {
    // Our two files are told apart by their headers, so either kind reads either file.
    case 'trackers':
    case 'logs':
      return draftFromOurFiles(files, ports.newId);
    case 'loop':
      return draftFromLoop(files, ports.offsetAt, ports.newId);
    case 'trackandgraph':
      return draftFromTrackAndGraph(files, ports.newId);
    case 'daylio':
      return draftFromDaylio(files, ports.offsetAt, ports.newId);
  }
}

/**
 * Read and plan. Our own files are planned row by row as they are read (a million-row
 * logs file never exists as a million drafts), telling `progress` as they go when there is
 * one; other apps' files are small and go through a draft in one go.
 */
export function planFiles(kind: ImportKind, files: readonly InputFile[], ports: DraftPorts, existing: ExistingData, options: PlanOptions, progress?: ScanProgress): ImportPlan {
  if (kind === 'trackers' || kind === 'logs') {
    const planner = new ImportPlanner(existing, options);
    return planner.finish(readOurFiles(files, ports.newId, planner, progress));
  }
  return planImport(draftOf(kind, files, ports), existing, options);
}
