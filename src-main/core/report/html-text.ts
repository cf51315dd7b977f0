/**
 * Text into HTML and SVG. Tracker names, option labels, notes and the profile's name are a
 * person's input: everything put into the report passes through `escapeHtml`, in text and
 * in attributes alike, so a name such as `<script>` prints as itself and runs nothing.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside an element or a quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);

/** An id usable in `id`/`aria-labelledby` whatever the tracker's id holds: letters, digits, `-` and `_` only. */
export const safeId = (text: string): string => text.replace(/[^A-Za-z0-9_-]/g, '_');

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const FALLBACK_COLOR = '#4e79a7';

/** A `#rrggbb` colour as given, or the palette's first colour: nothing else reaches a style or attribute. */
export const safeColor = (color: string): string => (HEX_COLOR.test(color) ? color.toLowerCase() : FALLBACK_COLOR);

/** Dark or white marks, whichever reads on `color` (WCAG relative luminance). */
export function inkOn(color: string): '#1a1a1a' | '#ffffff' {
  const hex = safeColor(color);
  const channel = (start: number): number => {
    const c = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // The luminance where black and white give the same contrast ratio.
  return luminance > 0.179 ? '#1a1a1a' : '#ffffff';
}
