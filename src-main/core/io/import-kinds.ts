/** The import formats by name, as the contract's `kind` names them. */
import type { Draft } from './import-draft';
import { draftFromDaylio } from './daylio-import';
import type { OffsetAt } from './local-moment';
import { draftFromLoop } from './loop-import';
import { draftFromOurFiles, type InputFile } from './our-format-import';
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
      return draftFromLoop(files, ports.offsetAt);
    case 'trackandgraph':
      return draftFromTrackAndGraph(files, ports.newId);
    case 'daylio':
      return draftFromDaylio(files, ports.offsetAt, ports.newId);
  }
}
