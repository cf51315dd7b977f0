/**
 * The installer configuration, checked where no installer can be built (the Electron runtime
 * is not on this machine): electron-builder.yml against electron-builder's own JSON schema,
 * the safety fuses, and the icons it and the tray need, down to their pixels.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { convertIcon } from 'app-builder-lib/out/util/iconConverter.js';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../../src-main/desktop/app-identity';
import { TRAY_ICON_DIR, TRAY_ICON_FILES, trayIconFile } from '../../src-main/desktop/tray/tray-icon';
import { decodeRgba, readPngHeader, type RgbaImage } from './png-reader';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const SCHEMA_FILE = require.resolve('app-builder-lib/scheme.json');

type Config = Record<string, unknown>;

function loadConfig(): Config {
  const parsed: unknown = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('electron-builder.yml does not hold a mapping.');
  }
  return parsed as Config;
}

/** A nested value by its keys, or undefined where the path stops. */
function at(config: Config, ...keys: string[]): unknown {
  let value: unknown = config;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

// electron-builder's schema is draft-07 (Ajv's default). `typeof: function` marks options
// only a JS config can hold, which YAML never does; union types are its own style.
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
ajv.addKeyword({ keyword: 'typeof' });
const validateConfig = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);

function schemaErrors(config: Config): ErrorObject[] {
  return validateConfig(config) ? [] : (validateConfig.errors ?? []);
}

const config = loadConfig();
const resourcesDir = join(ROOT, String(at(config, 'directories', 'buildResources')));

interface AppFileMatcher {
  createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
}
interface FileMatcherModule {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformOptions: object,
    platformPackager: { info: object },
    outDir: string,
    isElectronCompile: boolean,
  ): AppFileMatcher[];
}

/**
 * Whether electron-builder puts a project file into the app, decided by its own filter:
 * the `files` patterns plus the exclusions it adds (node_modules, the build-resources
 * folder, the output folder). The function is internal to the pinned app-builder-lib: if an
 * upgrade moves it, this test fails loudly rather than passing blind.
 */
function appFileFilter(): (file: string) => boolean {
  const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher.js') as FileMatcherModule;
  const info = {
    projectDir: ROOT,
    buildResourcesDir: at(config, 'directories', 'buildResources'),
    config,
    isPrepackedAppAsar: false,
    debugLogger: { isEnabled: false },
  };
  const outDir = join(ROOT, String(at(config, 'directories', 'output')));
  const [matcher] = getMainFileMatchers(ROOT, '/app', (pattern) => pattern, {}, { info }, outDir, false);
  if (!matcher) throw new Error("electron-builder's getMainFileMatchers returned no matcher.");
  const filter = matcher.createFilter();
  return (file) => filter(join(ROOT, file), { isDirectory: () => false });
}

function png(path: string): Buffer {
  return readFileSync(path);
}

function pixelsWhere(image: RgbaImage, keep: (r: number, g: number, b: number, a: number) => boolean): number {
  let count = 0;
  const p = image.pixels;
  for (let i = 0; i < p.length; i += 4) {
    if (keep(p[i] ?? 0, p[i + 1] ?? 0, p[i + 2] ?? 0, p[i + 3] ?? 0)) count++;
  }
  return count;
}

function alphaOf(image: RgbaImage): number[] {
  return Array.from(image.pixels.filter((_, i) => i % 4 === 3));
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema (app-builder-lib/scheme.json)", () => {
    expect(schemaErrors(config)).toEqual([]);
  });

  it('the schema check refuses a misspelt key and a wrong type, naming them', () => {
    const misspeltFuse = { ...config, electronFuses: { ...(config.electronFuses as object), runAsNod: false } };
    expect(schemaErrors(misspeltFuse)).toContainEqual(
      expect.objectContaining({ instancePath: '/electronFuses', params: { additionalProperty: 'runAsNod' } }),
    );
    const misspeltTop = { ...config, appID: 'x' };
    expect(schemaErrors(misspeltTop)).toContainEqual(expect.objectContaining({ params: { additionalProperty: 'appID' } }));
    const wrongType = { ...config, asar: 'yes' };
    expect(schemaErrors(wrongType).some((error) => error.instancePath === '/asar')).toBe(true);
  });

  it('names the app and its id', () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.productName).toBe('Quantified Self');
  });

  it('builds an AppImage and a deb, an NSIS installer and a dmg, into dist/', () => {
    expect(at(config, 'linux', 'target')).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(at(config, 'win', 'target')).toBe('nsis');
    expect(at(config, 'mac', 'target')).toBe('dmg');
    expect(at(config, 'directories', 'output')).toBe('dist');
  });

  it('gives the deb the maintainer and project page it refuses to build without', () => {
    // electron-builder's deb target throws without a homepage or an author's e-mail.
    expect(at(config, 'extraMetadata', 'author', 'email')).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(at(config, 'extraMetadata', 'homepage')).toMatch(/^https:\/\//);
  });

  it('packs the app into app.asar and ships only the built app and the tray icons', () => {
    expect(config.asar).toBe(true);
    const ships = appFileFilter();
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
      expect([file, ships(file)]).toEqual([file, true]);
    }
    // electron-builder leaves its build-resources folder out of the app unless told otherwise:
    // without the explicit pattern the tray would have no icon once installed.
    for (const file of Object.values(TRAY_ICON_FILES)) {
      expect([file, ships(join(TRAY_ICON_DIR, file))]).toEqual([file, true]);
    }
    for (const file of ['resources/icon.png', 'resources/icon.svg', 'src-main/desktop/main.ts', 'tests/desktop/builder-config.test.ts', 'scripts/make-icons.ts', 'electron-builder.yml', 'dist/x.AppImage']) {
      expect([file, ships(file)]).toEqual([file, false]);
    }
  });

  it('never deletes app data on uninstall (Windows)', () => {
    expect(at(config, 'nsis', 'deleteAppDataOnUninstall')).toBe(false);
  });

  it('sets every safety fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('the app icon', () => {
  it('macOS and Windows get a square PNG of at least 512 px with transparent corners', () => {
    for (const platform of ['mac', 'win']) {
      const file = join(resourcesDir, String(at(config, platform, 'icon')));
      const header = readPngHeader(png(file));
      expect(header.width).toBeGreaterThanOrEqual(512);
      expect(header.height).toBe(header.width);
      expect(decodeRgba(png(file)).pixels[3]).toBe(0);
    }
  });

  it("Linux gets a set from 16 to 512 px, found by electron-builder's own icon resolver", async () => {
    // The sources and roots LinuxTargetHelper passes; a folder of PNGs needs no download.
    const resolved = await convertIcon({
      sources: [String(at(config, 'linux', 'icon')), String(at(config, 'mac', 'icon'))],
      fallbackSources: [],
      roots: [resourcesDir, ROOT],
      format: 'set',
      outDir: join(tmpdir(), 'qs-icon-set-unused'),
    });
    expect(resolved.isFallback).toBe(false);
    expect(resolved.icons.map((icon) => icon.size)).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
    for (const icon of resolved.icons) {
      const header = readPngHeader(png(icon.file));
      expect({ file: basename(icon.file), width: header.width, height: header.height }).toEqual({
        file: basename(icon.file),
        width: icon.size,
        height: icon.size,
      });
    }
  });
});

describe('the tray icons', () => {
  const trayDir = join(ROOT, TRAY_ICON_DIR);
  const variants = Object.values(TRAY_ICON_FILES);

  it('exist at 16 px with an @2x twin at 32 px, in every variant', () => {
    for (const file of variants) {
      const twin = file.replace(/\.png$/, '@2x.png');
      expect([file, readPngHeader(png(join(trayDir, file)))]).toEqual([file, expect.objectContaining({ width: 16, height: 16 })]);
      expect([twin, readPngHeader(png(join(trayDir, twin)))]).toEqual([twin, expect.objectContaining({ width: 32, height: 32 })]);
    }
  });

  it('the macOS template is black and alpha only, with a shape to show', () => {
    for (const file of ['trayTemplate.png', 'trayTemplate@2x.png']) {
      const image = decodeRgba(png(join(trayDir, file)));
      expect(pixelsWhere(image, (r, g, b) => r !== 0 || g !== 0 || b !== 0)).toBe(0);
      expect(pixelsWhere(image, (_r, _g, _b, a) => a === 255)).toBeGreaterThan(image.width * image.height * 0.3);
      expect(pixelsWhere(image, (_r, _g, _b, a) => a === 0)).toBeGreaterThan(image.width * 2);
    }
  });

  it('the variant for dark panels is light and the one for light panels dark, in the same shape', () => {
    for (const suffix of ['', '@2x']) {
      const onDark = decodeRgba(png(join(trayDir, TRAY_ICON_FILES.onDark.replace('.png', `${suffix}.png`))));
      const onLight = decodeRgba(png(join(trayDir, TRAY_ICON_FILES.onLight.replace('.png', `${suffix}.png`))));
      const template = decodeRgba(png(join(trayDir, TRAY_ICON_FILES.template.replace('.png', `${suffix}.png`))));
      expect(pixelsWhere(onDark, (r, g, b, a) => a > 0 && Math.min(r, g, b) < 0xe0)).toBe(0);
      expect(pixelsWhere(onLight, (r, g, b, a) => a > 0 && Math.max(r, g, b) > 0x40)).toBe(0);
      expect(alphaOf(onDark)).toEqual(alphaOf(template));
      expect(alphaOf(onLight)).toEqual(alphaOf(template));
    }
  });

  it('every file trayIconFile can name is there', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const darkPanel of [true, false]) {
        expect(existsSync(trayIconFile(platform, darkPanel, ROOT))).toBe(true);
      }
    }
  });
});
