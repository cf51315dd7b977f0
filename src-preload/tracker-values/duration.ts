/**
 * Durations: how they are written for a person (and in CSV), and how typed text becomes
 * whole seconds. The only duration formatter and parser of the app.
 */

/** 5400 → `1h 30m`, 45 → `45s`, 3605 → `1h 5s`, 0 → `0m`: what `parseDurationText` reads back. */
export function durationText(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : '0m';
}

/**
 * Durations as people type them, to whole seconds:
 * `5400` (seconds), `1:30` (h:mm), `1:30:15` (h:mm:ss), `1h 30m`, `90m`, `45s`, `2h`, `1.5h`.
 * Returns null for anything else — a part of a second included (`1.7s`, `0.0001h`): a
 * duration is stored as whole seconds, and rounding would store something not given.
 * The caller explains what is expected.
 */
const CLOCK = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/;
const UNITS = /^(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m)?\s*(?:(\d+(?:\.\d+)?)\s*s)?$/;
const SECONDS = /^\d+$/;

export function parseDurationText(text: string): number | null {
  const input = text.trim().toLowerCase();
  if (input === '') return null;
  if (SECONDS.test(input)) return wholeSeconds(Number(input));
  const clock = CLOCK.exec(input);
  if (clock) return wholeSeconds(Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0));
  const units = UNITS.exec(input);
  if (units && (units[1] ?? units[2] ?? units[3]) !== undefined) {
    const parts = [exactSeconds(units[1], 3600), exactSeconds(units[2], 60), exactSeconds(units[3], 1)];
    if (parts.some((part) => part === null)) return null;
    return wholeSeconds(Number(parts.reduce((sum: bigint, part) => sum + (part ?? 0n), 0n)));
  }
  return null;
}

export function validDurationSeconds(seconds: number): number | null {
  return Number.isInteger(seconds) ? wholeSeconds(seconds) : null;
}

// -0 (a script's `-0`) is stored as 0: JSON writes it so, and it must read back equal.
const wholeSeconds = (seconds: number): number | null => (Number.isSafeInteger(seconds) && seconds >= 0 ? Math.abs(seconds) : null);

/**
 * `amount` (decimal text such as `1.5`) of a unit of `unitSeconds`, in seconds, when that is
 * a whole number (worked out in integers: `1.1 * 3600` in doubles is 3960.0000000000005).
 */
function exactSeconds(amount: string | undefined, unitSeconds: number): bigint | null {
  if (amount === undefined) return 0n;
  const [whole = '', fraction = ''] = amount.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole + fraction) * BigInt(unitSeconds);
  return scaled % scale === 0n ? scaled / scale : null;
}
