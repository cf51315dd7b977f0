/** timers.json: the running timers of a profile's duration trackers, so they survive a restart. */
import { z } from 'zod';
import type { FileFormat } from './versioned-json-adapter';

export const timersFileSchema = z.object({
  version: z.literal(1),
  timers: z.array(z.object({ trackerId: z.string().min(1).max(64), startedAt: z.string() })),
});
export type TimersFile = z.infer<typeof timersFileSchema>;

export const timersFormat: FileFormat<TimersFile> = { label: 'timers', version: 1, schema: timersFileSchema, migrations: {} };
export const emptyTimersFile = (): TimersFile => ({ version: 1, timers: [] });

/** The running timers' file in the profile folder. */
export const TIMERS_FILE = 'timers.json';
