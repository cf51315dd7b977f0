/**
 * Just enough PNG for the icon tests: the header of any PNG, and the pixels of 8-bit RGBA
 * ones (what scripts/make-icons.ts gets from Chromium), inflated with node:zlib and
 * unfiltered here, so checking an icon's colours needs no image library.
 */
import { inflateSync } from 'node:zlib';

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 6 is RGBA; 2 RGB; 0 grey; 3 palette; 4 grey + alpha. */
  readonly colorType: number;
  readonly interlaced: boolean;
}

export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** Four bytes a pixel (red, green, blue, alpha), row after row, not premultiplied. */
  readonly pixels: Uint8Array;
}

/** The bytes are not a PNG this reader can take apart. */
export class PngReadError extends Error {
  readonly code = 'PNG_UNREADABLE';
  constructor(message: string) {
    super(message);
    this.name = 'PngReadError';
  }
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const RGBA = 6;
const BYTES_PER_PIXEL = 4;

interface Chunk {
  readonly type: string;
  readonly data: Buffer;
}

function chunksOf(png: Buffer): Chunk[] {
  if (png.length < SIGNATURE.length || !png.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
    throw new PngReadError('Not a PNG: the file does not start with the PNG signature.');
  }
  const chunks: Chunk[] = [];
  let at = SIGNATURE.length;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const end = at + 8 + length;
    if (end + 4 > png.length) throw new PngReadError(`The PNG is cut short inside its ${type} chunk.`);
    chunks.push({ type, data: png.subarray(at + 8, end) });
    at = end + 4;
    if (type === 'IEND') return chunks;
  }
  throw new PngReadError('The PNG has no IEND chunk: it is cut short.');
}

/** Width, height and pixel format from the IHDR chunk. */
export function readPngHeader(png: Buffer): PngHeader {
  const ihdr = chunksOf(png)[0];
  if (!ihdr || ihdr.type !== 'IHDR' || ihdr.data.length !== 13) {
    throw new PngReadError('The PNG does not begin with a 13-byte IHDR chunk.');
  }
  return {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    bitDepth: ihdr.data.readUInt8(8),
    colorType: ihdr.data.readUInt8(9),
    interlaced: ihdr.data.readUInt8(12) !== 0,
  };
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** The pixels of an 8-bit, non-interlaced RGBA PNG; any other kind is refused by name. */
export function decodeRgba(png: Buffer): RgbaImage {
  const header = readPngHeader(png);
  if (header.colorType !== RGBA || header.bitDepth !== 8 || header.interlaced) {
    throw new PngReadError(
      `Only 8-bit non-interlaced RGBA PNGs are read here; this one has colour type ${header.colorType}, ` +
        `bit depth ${header.bitDepth}${header.interlaced ? ', interlaced' : ''}.`,
    );
  }
  const { width, height } = header;
  const compressed = Buffer.concat(
    chunksOf(png)
      .filter((chunk) => chunk.type === 'IDAT')
      .map((chunk) => chunk.data),
  );
  const filtered = inflateSync(compressed);
  const stride = width * BYTES_PER_PIXEL;
  if (filtered.length !== height * (stride + 1)) {
    throw new PngReadError(`The PNG's image data holds ${filtered.length} bytes, not the ${height * (stride + 1)} its size needs.`);
  }
  const pixels = new Uint8Array(height * stride);
  for (let row = 0; row < height; row++) {
    const filter = filtered[row * (stride + 1)];
    const source = row * (stride + 1) + 1;
    const target = row * stride;
    for (let i = 0; i < stride; i++) {
      const raw = filtered[source + i] ?? 0;
      const left = i >= BYTES_PER_PIXEL ? (pixels[target + i - BYTES_PER_PIXEL] ?? 0) : 0;
      const up = row > 0 ? (pixels[target - stride + i] ?? 0) : 0;
      const upLeft = row > 0 && i >= BYTES_PER_PIXEL ? (pixels[target - stride + i - BYTES_PER_PIXEL] ?? 0) : 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = left;
          break;
        case 2:
          predicted = up;
          break;
        case 3:
          predicted = (left + up) >> 1;
          break;
        case 4:
          predicted = paeth(left, up, upLeft);
          break;
        default:
          throw new PngReadError(`Row ${row} of the PNG names filter ${String(filter)}, which does not exist.`);
      }
      pixels[target + i] = (raw + predicted) & 0xff;
    }
  }
  return { width, height, pixels };
}
