/** The time zones a person can choose from, and the one this computer is in. */

/** This computer's IANA time zone, e.g. `Europe/Paris`. */
export function currentTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Every zone the browser knows, sorted, always including `extra` (the saved one and the
 * current one): engines leave some valid names out of their list (Chromium omits `UTC`),
 * and a select whose value is not among its options silently shows another zone.
 */
export function timeZoneChoices(extra: readonly string[] = []): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([...known, ...extra.filter((zone) => zone !== '')])].sort((a, b) => a.localeCompare(b));
}
