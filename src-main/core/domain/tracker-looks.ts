/**
 * How a tracker looks: a colour and an optional emoji. Colours come from a palette by
 * default so a new profile's cards are told apart without any setting.
 */
import { fail } from '../errors';

/** Distinct in light and dark mode, and apart for the common colour-vision deficiencies. */
export const TRACKER_PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#6b6ecf'] as const;

/** The palette colour for the tracker at `index` (its position when it was made). */
export const paletteColor = (index: number): string => TRACKER_PALETTE[((index % TRACKER_PALETTE.length) + TRACKER_PALETTE.length) % TRACKER_PALETTE.length] ?? TRACKER_PALETTE[0];

const HEX_COLOR = /^#[0-9a-f]{6}$/;

/** `#rrggbb`, stored in lower case. */
export function validColor(color: string): string {
  const normalized = color.trim().toLowerCase();
  if (!HEX_COLOR.test(normalized)) fail('TRACKER_COLOR_INVALID', 'Choose a colour as #rrggbb, such as #4e79a7.', 'color');
  return normalized;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
// Pictographs, flags (regional indicator pairs) and keycaps (1️⃣) are what people call emoji.
const EMOJI_LIKE = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** One emoji, or '' for none. */
export function validEmoji(emoji: string): string {
  const trimmed = emoji.trim();
  if (trimmed === '') return '';
  const count = [...graphemes.segment(trimmed)].length;
  if (count !== 1 || !EMOJI_LIKE.test(trimmed)) fail('TRACKER_EMOJI_INVALID', 'Choose one emoji, or none.', 'emoji');
  return trimmed;
}
