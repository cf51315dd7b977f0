import type { TrackerType } from '../../../../src-preload/contract';

/**
 * The user's words for each tracker type. A complete table (the compiler checks it), so
 * the renderer need not import the contract's runtime `TRACKER_TYPES`, which bundles zod.
 */
export const TYPE_LABELS: Record<TrackerType, string> = {
  numerical: 'Numerical',
  multiple_choice: 'Multiple choice',
  boolean: 'Yes / no',
  duration: 'Time duration',
};

export const TRACKER_TYPES = Object.keys(TYPE_LABELS) as TrackerType[];
