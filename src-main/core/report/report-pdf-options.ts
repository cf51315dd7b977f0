/**
 * How the report is printed, in one place for both printers: the desktop shell's
 * `webContents.printToPDF` and browser mode's headless Chromium, each of which spells the
 * printer port's `PdfOptions` for itself. Paper by the person's locale (Letter where CLDR
 * says it is the custom, A4 elsewhere), the same margins as the page's `@page` rule,
 * backgrounds on (the charts' fills), and page numbers in a footer drawn by the printer.
 */
import type { PdfOptions } from '../services/printer';

export type PaperSize = 'A4' | 'Letter';

/** CLDR's US-Letter territories (supplementalData `paperSize`); everywhere else uses A4. */
const LETTER_REGIONS: ReadonlySet<string> = new Set(['BZ', 'CA', 'CL', 'CO', 'CR', 'GT', 'MX', 'NI', 'PA', 'PH', 'PR', 'SV', 'US', 'VE']);

/**
 * The paper of a locale: its region, or the region its language most likely means (`en` →
 * US, `fr` → FR). A4 when the locale is missing or not a BCP 47 tag: most of the world's paper.
 */
export function paperSizeFor(locale: string | undefined): PaperSize {
  if (locale === undefined || locale.trim() === '') return 'A4';
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale.trim()).maximize().region;
  } catch {
    return 'A4';
  }
  return region !== undefined && LETTER_REGIONS.has(region) ? 'Letter' : 'A4';
}

/** Page margins in millimetres; the bottom one holds the footer. Fits A4 and Letter alike. */
export const REPORT_MARGINS_MM = { top: 16, right: 16, bottom: 20, left: 16 } as const;

/**
 * The printer's footer: the document's title and "Page n of m". Chromium fills the
 * `title`, `pageNumber` and `totalPages` spans itself; the template has no user text, and
 * it must set its own font size (the printer's default is too small to read).
 */
export const REPORT_FOOTER_TEMPLATE =
  '<div style="box-sizing:border-box;width:100%;padding:0 16mm;display:flex;justify-content:space-between;' +
  'font-family:system-ui,-apple-system,\'Segoe UI\',Roboto,\'Liberation Sans\',Arial,sans-serif;font-size:8pt;color:#666">' +
  '<span class="title"></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>';

/** No header: the title page and each section say what they are. An empty string would print the default header. */
export const REPORT_HEADER_TEMPLATE = '<div></div>';

/** The recommended print settings, printer-neutral; `reportPrintOptions` hands them to the printer port. */
export const REPORT_PDF_OPTIONS = {
  paperSize: paperSizeFor,
  marginsMm: REPORT_MARGINS_MM,
  printBackground: true,
  displayHeaderFooter: true,
  headerTemplate: REPORT_HEADER_TEMPLATE,
  footerTemplate: REPORT_FOOTER_TEMPLATE,
  /** Headings become the PDF's outline, and the PDF carries structure for screen readers. */
  tagged: true,
  outline: true,
} as const;

/**
 * The report's options as the printer port takes them (core/services/printer.ts): what the
 * job runner passes to `printer.printPdf`; each shell spells them for its printer.
 */
export function reportPrintOptions(locale: string | undefined): PdfOptions {
  return {
    pageSize: REPORT_PDF_OPTIONS.paperSize(locale),
    landscape: false,
    marginsMm: { ...REPORT_PDF_OPTIONS.marginsMm },
    printBackground: REPORT_PDF_OPTIONS.printBackground,
    footerTemplate: REPORT_PDF_OPTIONS.footerTemplate,
    tagged: REPORT_PDF_OPTIONS.tagged,
    outline: REPORT_PDF_OPTIONS.outline,
  };
}
