/**
 * Makes every icon in resources/ from the one source image, resources/icon.svg: the app
 * icon electron-builder converts for each platform, the Linux icon set, and the tray icons.
 * Chromium rasterises the SVG (playwright-core, headless), so the outputs are what a browser
 * draws, with a transparent background.
 *
 *     npx tsx scripts/make-icons.ts
 *
 * The outputs are committed: a build needs no browser. Run this again after editing the SVG.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { TRAY_ICON_DIR, TRAY_ICON_FILES } from '../src-main/desktop/tray/tray-icon';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESOURCES = join(ROOT, 'resources');
/** resources/tray, relative to resources/: the folder the running app reads the tray icons from. */
const TRAY_DIR = relative('resources', TRAY_ICON_DIR);
const SOURCE = join(RESOURCES, 'icon.svg');

/**
 * The Linux icon set (linux.icon: icons): the sizes the hicolor theme and electron-builder's
 * docs name. Windows and macOS icons are made by electron-builder from icon.png.
 */
const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;

/** The tile's square in the SVG's 1024-unit space: every crop is computed around it. */
const TILE = { start: 100, side: 824 } as const;

type Look =
  /** The full-colour icon; `grid` adds the faint chart lines, which smudge when small. */
  | { readonly kind: 'app'; readonly grid: boolean }
  /** One flat colour with the mark cut out: a tray glyph. */
  | { readonly kind: 'tray'; readonly color: string };

interface IconOutput {
  /** Relative to resources/. */
  readonly file: string;
  readonly size: number;
  /** Transparent pixels between the tile and each edge of the image. */
  readonly margin: number;
  readonly look: Look;
}

/**
 * Large icons keep Apple's grid (the tile is 824 of 1024, as macOS expects of icon.png);
 * small ones give that margin to the tile, keeping one pixel so the corners stay round.
 */
function appMargin(size: number): number {
  return size >= 64 ? (size * TILE.start) / 1024 : Math.max(1, Math.round(size / 24));
}

function outputs(): IconOutput[] {
  const app: IconOutput[] = [
    { file: 'icon.png', size: 1024, margin: appMargin(1024), look: { kind: 'app', grid: true } },
    ...LINUX_ICON_SIZES.map((size) => ({
      file: `icons/${size}x${size}.png`,
      size,
      margin: appMargin(size),
      look: { kind: 'app', grid: size >= 64 } as const,
    })),
  ];
  // Light glyph for dark panels, dark glyph for light panels, black + alpha for macOS,
  // which tints a "Template" image itself for its menu bar.
  const trayColors = { onDark: '#ffffff', onLight: '#1f1f1f', template: '#000000' } as const;
  // A pixel of air around the tile (two at @2x), as the platforms' own tray icons have.
  const tray = Object.entries(TRAY_ICON_FILES).flatMap(([variant, file]) => {
    const color = trayColors[variant as keyof typeof TRAY_ICON_FILES];
    const base = file.replace(/\.png$/, '');
    return [
      { file: join(TRAY_DIR, file), size: 16, margin: 1, look: { kind: 'tray', color } as const },
      { file: join(TRAY_DIR, `${base}@2x.png`), size: 32, margin: 2, look: { kind: 'tray', color } as const },
    ];
  });
  return [...app, ...tray];
}

/** The viewBox that puts the tile `margin` pixels from each edge of a `size`-pixel image. */
function viewBoxFor(size: number, margin: number): string {
  const side = (TILE.side * size) / (size - 2 * margin);
  const origin = TILE.start + TILE.side / 2 - side / 2;
  return `${origin} ${origin} ${side} ${side}`;
}

/** The source's opening tag, whose size and viewBox each output sets. */
const ROOT_TAG = /<svg\b[^>]*>/;

/**
 * The page for one output: the source with its root's size and viewBox replaced, and a style
 * sheet choosing the look. The tile, grid and mark are left in the source untouched, so the
 * SVG stays the one thing a designer edits.
 */
function pageFor(svg: string, output: IconOutput): string {
  const rootTag = ROOT_TAG.exec(svg)?.[0];
  if (!rootTag) throw new Error(`${SOURCE} has no <svg> element.`);
  for (const id of ['tile', 'grid', 'mark', 'mark-cutout']) {
    if (!svg.includes(`id="${id}"`)) throw new Error(`${SOURCE} has no #${id}, which scripts/make-icons.ts draws with.`);
  }
  const sized = rootTag
    .replace(/\s(viewBox|width|height)="[^"]*"/g, '')
    .replace(/>$/, ` viewBox="${viewBoxFor(output.size, output.margin)}" width="${output.size}" height="${output.size}">`);
  const { look } = output;
  const style =
    look.kind === 'tray'
      ? `#grid, #mark { display: none; } #tile { fill: ${look.color}; mask: url(#mark-cutout); }`
      : look.grid
        ? ''
        : '#grid { display: none; }';
  return (
    '<!doctype html><html><head><style>body { margin: 0; background: transparent; } svg { display: block; } ' +
    `${style}</style></head><body>${svg.replace(rootTag, sized)}</body></html>`
  );
}

async function render(page: Page, svg: string, output: IconOutput): Promise<Buffer> {
  await page.setContent(pageFor(svg, output));
  return page.locator('svg').screenshot({ omitBackground: true, type: 'png' });
}

async function main(): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: set CHROMIUM_PATH to a Chromium or Chrome binary.`);
  }
  const svg = await readFile(SOURCE, 'utf8');
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1100 }, deviceScaleFactor: 1 });
    for (const output of outputs()) {
      const target = join(RESOURCES, output.file);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await render(page, svg, output));
      console.log(`${output.file} (${output.size}×${output.size})`);
    }
  } finally {
    await browser.close();
  }
}

await main();
