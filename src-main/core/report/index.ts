/** The monthly report: its content as a model, its charts as SVG, and the page to print. */
export { reportModel, MAX_NOTES, MAX_NOTE_CHARACTERS } from './report-model';
export type { QuietTracker, ReportComparison, ReportFigure, ReportHeadline, ReportInput, ReportModel, ReportNote, ReportStreaks, ReportTarget, ReportTrackerInput, TrackerReport } from './report-model';
export { reportHtml } from './report-html';
export { svgBarChart, svgHeatStrip, svgLineChart, svgOptionBars, type ChartLabel, type ChartLook } from './svg-charts';
export { paperSizeFor, REPORT_FOOTER_TEMPLATE, REPORT_HEADER_TEMPLATE, REPORT_MARGINS_MM, REPORT_PDF_OPTIONS, reportPrintOptions, type PaperSize } from './report-pdf-options';
