/**
 * Durations as people type them, to whole seconds:
 * `5400` (seconds), `1:30` (h:mm), `1:30:15` (h:mm:ss), `1h 30m`, `90m`, `45s`, `2h`, `1.5h`.
 * Returns null for anything else; the caller explains what is expected.
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
    const [hours, minutes, seconds] = [units[1], units[2], units[3]].map((part) => Number(part ?? 0)) as [number, number, number];
    return wholeSeconds(Math.round(hours * 3600 + minutes * 60 + seconds));
  }
  return null;
}

export function validDurationSeconds(seconds: number): number | null {
  return Number.isInteger(seconds) ? wholeSeconds(seconds) : null;
}

const wholeSeconds = (seconds: number): number | null => (Number.isSafeInteger(seconds) && seconds >= 0 ? seconds : null);
