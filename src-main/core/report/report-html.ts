/**
 * The monthly report as one self-contained HTML document, ready to print: inline CSS only,
 * no script, font, image or link to fetch (a Content-Security-Policy forbids them too), and
 * every piece of a person's text escaped. A title page with an overview, then a section per
 * tracker: its statistics, the month before, streaks and target, a chart, and its notes.
 */
import { escapeHtml, safeColor } from './html-text';
import { trackerChart } from './report-charts';
import type { ReportModel, TrackerReport } from './report-model';
import { REPORT_MARGINS_MM } from './report-pdf-options';
import { ReportText } from './report-text';

const m = REPORT_MARGINS_MM;

// Print first: sizes in pt and mm. `@page` sets margins only — the paper (A4 or Letter) is
// the printer's choice by locale, so one stylesheet fits both.
const STYLE = `
@page { margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #1a1a1a; background: #fff; font: 10pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; }
h1, h2, h3 { line-height: 1.2; margin: 0; break-after: avoid; }
p { margin: 0; }
.muted { color: #5c5c5c; }
.cover { padding-top: 18mm; border-bottom: 2px solid #1a1a1a; padding-bottom: 6mm; margin-bottom: 8mm; }
.cover .app { font-size: 10pt; letter-spacing: 0.08em; text-transform: uppercase; color: #5c5c5c; }
.cover h1 { font-size: 30pt; margin: 2mm 0 1mm; }
.cover .month { font-size: 18pt; }
.cover dl { display: flex; flex-wrap: wrap; gap: 2mm 10mm; margin: 6mm 0 0; }
.cover dt { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.06em; color: #5c5c5c; }
.cover dd { margin: 0; font-size: 11pt; }
.running { margin-top: 4mm; padding: 2mm 3mm; background: #fff6d6; border-left: 3px solid #c99a00; }
h2 { font-size: 14pt; margin-bottom: 3mm; }
h3 { font-size: 10.5pt; margin: 4mm 0 1.5mm; }
.overview .summary { margin-bottom: 4mm; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 1.4mm 2mm; border-bottom: 0.5pt solid #cfcfcf; vertical-align: top; }
thead th { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.05em; color: #5c5c5c; border-bottom: 1pt solid #1a1a1a; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
.swatch { display: inline-block; width: 3mm; height: 3mm; border-radius: 0.6mm; margin-right: 1.5mm; vertical-align: baseline; }
.quiet, .left-out { margin-top: 4mm; }
.quiet ul { margin: 1mm 0 0; padding-left: 5mm; }
.empty { margin-top: 6mm; padding: 6mm; border: 1pt solid #cfcfcf; border-radius: 2mm; background: #f7f7f7; }
.empty h2 { font-size: 16pt; }
.trackers { break-before: page; }
/* On a screen (the page printed from the browser) no page break sets the trackers apart. */
@media screen { .trackers { margin-top: 12mm; } }
.tracker { margin-bottom: 9mm; }
.tracker-main { break-inside: avoid; }
.tracker h2 { display: flex; align-items: baseline; gap: 2mm; padding-bottom: 1.5mm; border-bottom: 1.5pt solid var(--color); }
.tracker h2 .swatch { width: 4mm; height: 4mm; align-self: center; }
.tracker h2 .kind { margin-left: auto; font-size: 9pt; font-weight: 400; color: #5c5c5c; }
.badge { font-size: 8pt; font-weight: 600; padding: 0.3mm 1.5mm; border: 0.75pt solid #5c5c5c; border-radius: 1mm; color: #5c5c5c; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(26mm, 1fr)); gap: 2mm; margin: 0 0 3mm; }
.figures div { background: #f4f4f4; border-radius: 1.5mm; padding: 1.8mm 2.2mm; }
.figures dt { font-size: 7.5pt; text-transform: uppercase; letter-spacing: 0.04em; color: #5c5c5c; }
.figures dd { margin: 0.5mm 0 0; font-size: 11.5pt; font-weight: 600; font-variant-numeric: tabular-nums; }
.columns { display: grid; grid-template-columns: 1.35fr 1fr; gap: 6mm; margin-bottom: 3mm; }
.columns h3 { margin-top: 0; }
.facts { margin: 0; }
.facts div { display: flex; justify-content: space-between; gap: 3mm; padding: 1.2mm 0; border-bottom: 0.5pt solid #cfcfcf; }
.facts dt { color: #5c5c5c; white-space: nowrap; }
.facts dd { margin: 0; text-align: right; font-weight: 600; }
.change { white-space: nowrap; }
figure { margin: 0; }
.chart { display: block; width: 100%; height: auto; }
figcaption { font-size: 8pt; color: #5c5c5c; margin-top: 1mm; }
.legend { display: inline-flex; gap: 4mm; margin-left: 3mm; }
.legend span::before { content: ""; display: inline-block; width: 2.6mm; height: 2.6mm; margin-right: 1mm; vertical-align: -0.3mm; border-radius: 0.5mm; }
.legend .yes::before { background: var(--color); }
.legend .no::before { background: #f2f2f2; border: 0.75pt solid #8c8c8c; }
.legend .none::before { border: 0.75pt dashed #bdbdbd; }
.notes ol { list-style: none; margin: 0; padding: 0; }
.notes li { display: grid; grid-template-columns: 24mm 22mm 1fr; gap: 2mm; padding: 1.2mm 0; border-bottom: 0.5pt solid #e3e3e3; break-inside: avoid; }
.notes .day { color: #5c5c5c; white-space: nowrap; }
.notes .value { font-weight: 600; overflow-wrap: anywhere; }
.notes .text { white-space: pre-line; overflow-wrap: anywhere; }
.notes .more { margin-top: 1.5mm; color: #5c5c5c; }
/* Chromium paints part of a colour emoji's glyph at the foot of the page before the one it
   is on when a page break falls just above it; clipping the glyph to its own box stops that. */
.emoji { display: inline-block; contain: paint; }
.no-entries { padding: 3mm; background: #f4f4f4; border-radius: 1.5mm; }
@media screen { body { max-width: 190mm; margin: 0 auto; padding: 10mm; } }
`;

const e = escapeHtml;

/** `Sleep` with its emoji, ready for HTML. */
const nameOf = (report: Pick<TrackerReport, 'tracker'>): string => (report.tracker.emoji ? `<span class="emoji">${e(report.tracker.emoji)}</span> ` : '') + e(report.tracker.name);
const swatch = (color: string): string => `<span class="swatch" style="background:${safeColor(color)}" aria-hidden="true"></span>`;
const unitOf = (report: Pick<TrackerReport, 'tracker'>): string => (report.tracker.settings.type === 'numerical' && report.tracker.settings.unit ? ` · ${e(report.tracker.settings.unit)}` : '');

function cover(model: ReportModel): string {
  const running = model.complete ? '' : `<p class="running">${e(model.monthText)} is not over yet: this report counts its days up to today.</p>`;
  return (
    `<header class="cover"><p class="app">Quantified Self</p><h1>Monthly report</h1><p class="month">${e(model.monthText)}</p>` +
    `<dl><div><dt>Profile</dt><dd>${e(model.profileName)}</dd></div><div><dt>Made</dt><dd>${e(model.generatedText)}</dd></div>` +
    `<div><dt>Time zone</dt><dd>${e(model.timeZone)}</dd></div></dl>${running}</header>`
  );
}

function overview(model: ReportModel, text: ReportText): string {
  const previous = e(model.previousMonthText);
  if (model.trackers.length === 0) {
    const what = model.quiet.length === 0 ? 'There are no trackers to report on.' : `None of your trackers has an entry in ${e(model.monthText)}.`;
    const before = model.previousEntries > 0 ? ` ${previous} had ${e(text.counted(model.previousEntries, 'entry', 'entries'))}.` : '';
    return `<section class="empty" aria-labelledby="empty-title"><h2 id="empty-title">No entries this month</h2><p>${what}${before}</p>${quiet(model, text, true)}</section>`;
  }
  const rows = model.trackers
    .map(
      (report) =>
        `<tr><td>${swatch(report.tracker.color)}${nameOf(report)}</td><td class="num">${e(text.number(report.entries))}</td><td class="num change">${e(report.entriesChangeText)}</td>` +
        `<td>${e(report.headline.label)}: <strong>${e(report.headline.text)}</strong></td><td class="num change">${e(report.headline.changeText ?? '—')}</td></tr>`,
    )
    .join('');
  return (
    `<section class="overview" aria-labelledby="overview-title"><h2 id="overview-title">At a glance</h2>` +
    `<p class="summary">${e(text.counted(model.entries, 'entry', 'entries'))} in ${e(model.monthText)} across ${e(text.counted(model.trackers.length, 'tracker', 'trackers'))}; ${previous}: ${e(text.number(model.previousEntries))}.</p>` +
    `<table><thead><tr><th scope="col">Tracker</th><th scope="col" class="num">Entries</th><th scope="col" class="num">vs ${e(model.previousMonthName)}</th><th scope="col">Main figure</th><th scope="col" class="num">vs ${e(model.previousMonthName)}</th></tr></thead><tbody>${rows}</tbody></table>` +
    quiet(model, text) +
    (model.archivedLeftOut > 0 ? `<p class="left-out muted">${e(text.counted(model.archivedLeftOut, 'archived tracker', 'archived trackers'))} without entries this month ${model.archivedLeftOut === 1 ? 'is' : 'are'} left out.</p>` : '') +
    `</section>`
  );
}

/** Trackers without entries this month: under their own heading, or as the whole of an empty month's list. */
function quiet(model: ReportModel, text: ReportText, emptyMonth = false): string {
  if (model.quiet.length === 0) return '';
  const before = (n: number) => `${e(model.previousMonthText)}: ${e(text.counted(n, 'entry', 'entries'))}`;
  const items = model.quiet
    .map((tracker) => `<li>${swatch(tracker.tracker.color)}${nameOf(tracker)} <span class="muted">— ${emptyMonth ? before(tracker.previousEntries) : `no entries (${before(tracker.previousEntries)})`}</span></li>`)
    .join('');
  return `<div class="quiet"><h3>${emptyMonth ? 'Your trackers' : 'No entries this month'}</h3><ul>${items}</ul></div>`;
}

function comparisonTable(report: TrackerReport, model: ReportModel, text: ReportText): string {
  const rows = report.comparisons.map((row) => `<tr><th scope="row">${e(row.label)}</th><td class="num">${e(row.currentText)}</td><td class="num">${e(row.previousText)}</td><td class="num change">${e(row.changeText ?? '—')}</td></tr>`);
  const target = report.target;
  if (target !== null) {
    const share = (value: number | null) => (value === null ? '—' : text.share(value));
    rows.push(`<tr><th scope="row">Target met</th><td class="num">${e(share(target.completion))}</td><td class="num">${e(share(target.previous))}</td><td class="num change">${e(target.changeText ?? '—')}</td></tr>`);
  }
  return (
    `<div><h3>Compared with ${e(model.previousMonthText)}</h3><table class="comparison"><thead><tr><th scope="col"></th><th scope="col" class="num">${e(model.monthName)}</th>` +
    `<th scope="col" class="num">${e(model.previousMonthName)}</th><th scope="col" class="num">Change</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
  );
}

function streaksAndTarget(report: TrackerReport, model: ReportModel): string {
  const rows = [
    `<div><dt>Current streak <span class="muted">${model.complete ? `on ${e(model.lastDayText)}` : 'today'}</span></dt><dd>${e(report.streaks.currentText)}</dd></div>`,
    `<div><dt>Best streak in ${e(model.monthName)}</dt><dd>${e(report.streaks.bestText)}</dd></div>`,
  ];
  if (report.target !== null) {
    rows.push(`<div><dt>Target</dt><dd>${e(report.target.text)}</dd></div>`);
    rows.push(`<div><dt>Target met</dt><dd>${e(report.target.completionText)}</dd></div>`);
  }
  return `<div><h3>Streaks${report.target === null ? '' : ' and target'}</h3><dl class="facts">${rows.join('')}</dl></div>`;
}

function notes(report: TrackerReport): string {
  // The tracker's name is in the heading: notes pushed onto the next page still say whose they are.
  if (report.notes.shown.length === 0) return '';
  const items = report.notes.shown.map((note) => `<li><span class="day">${e(note.dayText)}</span><span class="value">${e(note.valueText)}</span><span class="text">${e(note.text)}</span></li>`).join('');
  const more = report.notes.more > 0 ? `<p class="more">…and ${report.notes.more} more ${report.notes.more === 1 ? 'note' : 'notes'} this month.</p>` : '';
  return `<div class="notes"><h3>Notes on ${nameOf(report)}</h3><ol>${items}</ol>${more}</div>`;
}

function legend(report: TrackerReport): string {
  return report.series.kind === 'done' ? `<span class="legend" aria-hidden="true"><span class="yes">yes</span><span class="no">no</span><span class="none">no answer</span></span>` : '';
}

function section(report: TrackerReport, model: ReportModel, text: ReportText, index: number): string {
  const color = safeColor(report.tracker.color);
  const id = `tracker-${index}`;
  const archived = report.tracker.archived ? '<span class="badge">Archived</span>' : '';
  const figures = report.figures.map((figure) => `<div><dt>${e(figure.label)}</dt><dd>${e(figure.text)}</dd></div>`).join('');
  return (
    `<section class="tracker" style="--color:${color}" aria-labelledby="${id}">` +
    `<div class="tracker-main"><h2 id="${id}">${swatch(color)}<span>${nameOf(report)}</span>${archived}<span class="kind">${e(report.typeLabel)}${unitOf(report)}</span></h2>` +
    `<dl class="figures">${figures}</dl>` +
    `<div class="columns">${comparisonTable(report, model, text)}${streaksAndTarget(report, model)}</div>` +
    `<figure>${trackerChart(report, model, text, index)}<figcaption>${e(chartCaption(report))}${legend(report)}</figcaption></figure></div>` +
    notes(report) +
    `</section>`
  );
}

function chartCaption(report: TrackerReport): string {
  switch (report.series.kind) {
    case 'line':
      return report.tracker.settings.type === 'numerical' && report.tracker.settings.aggregation !== 'last'
        ? `Value per day (${report.tracker.settings.aggregation} of the day’s entries).`
        : 'Value per day (the day’s last entry).';
    case 'duration':
      return 'Time per day.';
    case 'done':
      return 'Each day’s answer (its last entry).';
    case 'choice':
      return 'How often each option was chosen; shares of all choices.';
  }
}

/** The report as one HTML document, to print to PDF (see `REPORT_PDF_OPTIONS`) or show as a page. */
export function reportHtml(model: ReportModel): string {
  const title = `Monthly report · ${model.monthText} · ${model.profileName}`;
  const text = new ReportText(model.locale);
  const sections = model.trackers.map((report, i) => section(report, model, text, i + 1)).join('');
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    // Nothing may load or run, even if some text were to slip through unescaped.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${e(title)}</title><style>${STYLE}</style></head><body>` +
    cover(model) +
    overview(model, text) +
    (sections === '' ? '' : `<main class="trackers">${sections}</main>`) +
    '</body></html>'
  );
}
