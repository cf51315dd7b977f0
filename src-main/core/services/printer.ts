/**
 * The port behind the monthly report's PDF: print one self-contained HTML document. The
 * desktop shell prints in a hidden Electron window (`webContents.printToPDF`), browser mode
 * in a headless Chromium when one is found (Chromium's `Page.printToPDF`); both take these
 * options after a small mapping, so the PDF looks the same from either shell.
 *
 * The document must be self-contained: inline styles, inline SVG, `data:` images. Both shells
 * load it with scripts off under REPORT_CSP, which fetches nothing from anywhere.
 */
import { z } from 'zod';
import { PortFailure } from './port-failure';

export const PAPER_SIZES = ['A4', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** Each paper's size in inches (the unit both Chromium APIs take), portrait. */
export const PAPER_INCHES: Readonly<Record<PaperSize, { readonly width: number; readonly height: number }>> = {
  A4: { width: 210 / 25.4, height: 297 / 25.4 },
  Letter: { width: 8.5, height: 11 },
};

export const mmToInches = (mm: number): number => mm / 25.4;

const marginMm = z.number().min(0).max(50);

export const pdfOptionsSchema = z
  .object({
    /** A4, or Letter where the person's locale uses it. */
    pageSize: z.enum(PAPER_SIZES),
    landscape: z.boolean(),
    /** From each edge, in millimetres. A footer is drawn inside the bottom margin: give it room (about 12 mm). */
    marginsMm: z.object({ top: marginMm, right: marginMm, bottom: marginMm, left: marginMm }).strict(),
    /** Print background colours and images (cards, chart fills). */
    printBackground: z.boolean(),
    /**
     * Chromium's footer template, or null for none: HTML with its own inline styles (it
     * inherits none of the page's, and its default text size is tiny) in which elements of
     * class `pageNumber`, `totalPages`, `title` and `date` are filled in.
     */
    footerTemplate: z.string().max(4000).nullable(),
    /** A tagged PDF, whose structure screen readers follow. */
    tagged: z.boolean(),
    /** The document's headings as the PDF's outline (its bookmarks). */
    outline: z.boolean(),
  })
  .strict();
export type PdfOptions = Readonly<z.infer<typeof pdfOptionsSchema>>;

/** "3 / 7" centred at the foot of each page. */
export const PAGE_NUMBER_FOOTER =
  '<div style="width:100%;font:9px sans-serif;color:#555;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/**
 * The policy the document is loaded under, in both shells: styles and images from the
 * document itself only. No request leaves the machine, so nothing in a report (a note with
 * an address in it) can make the printer fetch anything.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

/** A larger document is refused: a month's report is far smaller, and more would be a bug. */
export const MAX_PRINT_HTML_CHARS = 32 * 1024 * 1024;

/** A print that takes longer is given up (the shell ends its window or browser) and fails. */
export const PRINT_TIMEOUT_MS = 60_000;

export interface PrinterAvailability {
  readonly available: boolean;
  /** Why not, in words the report screen can show; null when available. */
  readonly reason: string | null;
}

export interface Printer {
  /** Asked each time: browser mode finds a Chromium installed while it runs. */
  availability(): Promise<PrinterAvailability>;
  /**
   * The document as a PDF. Fails with a PortFailure: NO_PRINTER (with the reason),
   * PRINT_FAILED, or PORT_INPUT_INVALID.
   */
  printPdf(html: string, options: PdfOptions): Promise<Uint8Array>;
}

/** What to print, checked; PORT_INPUT_INVALID names what is wrong. */
export function parsePrintInput(html: unknown, options: unknown): { readonly html: string; readonly options: PdfOptions } {
  if (typeof html !== 'string') throw new PortFailure('PORT_INPUT_INVALID', 'The document to print must be HTML text.');
  if (html.length > MAX_PRINT_HTML_CHARS) throw new PortFailure('PORT_INPUT_INVALID', `The document to print is larger than ${MAX_PRINT_HTML_CHARS} characters.`);
  const parsed = pdfOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PortFailure('PORT_INPUT_INVALID', `Not PDF options: ${issue ? `${issue.path.join('.') || 'options'}: ${issue.message}` : 'invalid'}.`);
  }
  return { html, options: parsed.data };
}

/** The failure to report for anything else that went wrong while printing. */
export function printFailed(error: unknown): PortFailure {
  if (error instanceof PortFailure) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new PortFailure('PRINT_FAILED', `The report could not be printed to PDF: ${why}`);
}
