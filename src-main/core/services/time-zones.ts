/** IANA time zone names, checked against the runtime's own time-zone data. */
import { fail } from '../errors';

/** The canonical spelling of `timeZone` (e.g. `europe/paris` → `Europe/Paris`), or TIME_ZONE_INVALID. */
export function validTimeZone(timeZone: string, field = 'timeZone'): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timeZone.trim() }).resolvedOptions().timeZone;
  } catch {
    return fail('TIME_ZONE_INVALID', `"${timeZone}" is not a time zone this computer knows (for example Europe/Paris or UTC).`, field);
  }
}
