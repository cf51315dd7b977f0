import { describe, expect, it } from 'vitest';
import type { Tracker } from '../../../src-preload/contract';
import { reportHtml } from '../../../src-main/core/report/report-html';
import { reportModel, type ReportInput } from '../../../src-main/core/report/report-model';
import { paperSizeFor, REPORT_FOOTER_TEMPLATE, REPORT_MARGINS_MM, REPORT_PDF_OPTIONS, reportPrintOptions } from '../../../src-main/core/report/report-pdf-options';
import { logAt, novemberFixture, NOW, tracker, ZONE } from '../../support/report-month';

const hostileName = '<script>alert("name")</script> & Co';
const hostileNote = 'Felt <img src=x onerror=alert(1)> & "fine"';

function htmlOf(trackers: ReportInput['trackers'], profileName = 'Ada'): string {
  return reportHtml(reportModel({ profileName, month: '2026-11', timeZone: ZONE, now: NOW, locale: 'en-GB', trackers }));
}

describe('the report page', () => {
  it('is one document with inline CSS only: no script, no external resource', () => {
    const html = reportHtml(reportModel(novemberFixture().input));
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=|href=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('escapes tracker names, option labels, notes and the profile name', () => {
    const named: Tracker = tracker('t1', hostileName, { type: 'multiple_choice', multiple: false, options: [{ id: 'o1', label: '<b>bold</b> & co', archived: false }, { id: 'o2', label: 'Other', archived: false }] });
    const html = htmlOf([{ tracker: named, logs: [logAt('t1', '2026-11-03', '12:00', ['o1'], hostileNote)] }], '<Ada> & "Bob"');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold');
    expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('Felt &lt;img src=x onerror=alert(1)&gt; &amp; &quot;fine&quot;');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; co');
    expect(html).toContain('<title>Monthly report · November 2026 · &lt;Ada&gt; &amp; &quot;Bob&quot;</title>');
    // The only `<script` characters in the page are none at all; the only ones `<b` are none.
    expect(html.includes('<b>')).toBe(false);
  });

  it('keeps a colour that is not #rrggbb out of the styles', () => {
    const odd: Tracker = { ...tracker('t1', 'Odd', { type: 'boolean' }), color: 'red;background:url(http://x)' };
    const html = htmlOf([{ tracker: odd, logs: [logAt('t1', '2026-11-03', '12:00', true)] }]);
    expect(html).not.toContain('url(');
    expect(html).toContain('--color:#4e79a7');
  });

  it('has a title page with the profile, the month and when it was made, and an overview', () => {
    const html = reportHtml(reportModel(novemberFixture().input));
    expect(html).toContain('<h1>Monthly report</h1><p class="month">November 2026</p>');
    expect(html).toContain('<dd>Ada &lt;Lovelace&gt; &amp; Co</dd>');
    expect(html).toContain('<dd>1 December 2026 at 09:00</dd>');
    expect(html).toContain('<h2 id="overview-title">At a glance</h2>');
    // Trackers start on a page of their own after it; a section is kept whole where it fits.
    expect(html).toContain('.trackers { break-before: page; }');
    expect(html).toContain('.tracker-main { break-inside: avoid; }');
    expect(html).toContain(`@page { margin: ${REPORT_MARGINS_MM.top}mm ${REPORT_MARGINS_MM.right}mm ${REPORT_MARGINS_MM.bottom}mm ${REPORT_MARGINS_MM.left}mm; }`);
  });

  it('gives each tracker a section with its figures, comparison, streaks, chart and notes', () => {
    const html = reportHtml(reportModel(novemberFixture().input));
    expect(html.match(/<section class="tracker"/g)).toHaveLength(5);
    const sleep = html.slice(html.indexOf('aria-labelledby="tracker-1"'), html.indexOf('aria-labelledby="tracker-2"'));
    expect(sleep).toContain('Sleep');
    expect(sleep).toContain('<h3>Compared with October 2026</h3>');
    expect(sleep).toContain('<dt>Current streak');
    expect(sleep).toContain('role="img" aria-labelledby="chart-1-title chart-1-desc"');
    expect(sleep).toContain('<h3>Notes on <span class="emoji">😴</span> Sleep</h3>');
    expect(sleep).toContain('target 7 h');
    // Each chart's ids are unique in the document.
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows an archived option only when it was chosen this month', () => {
    const html = reportHtml(reportModel(novemberFixture().input));
    // The fixture's "Bored" option is archived and was chosen in October only.
    expect(html).not.toContain('Bored');
  });

  it('makes an empty month a clear "No entries this month" section, not a blank page', () => {
    const quiet = tracker('w', 'Water', { type: 'numerical', unit: 'glasses', min: null, max: null, decimals: 0, aggregation: 'sum' });
    const html = htmlOf([{ tracker: quiet, logs: [logAt('w', '2026-10-04', '09:00', 6)] }]);
    expect(html).toContain('<h2 id="empty-title">No entries this month</h2><p>None of your trackers has an entry in November 2026. October 2026 had 1 entry.</p>');
    expect(html).toContain('Water');
    expect(html).not.toContain('<main');
    expect(htmlOf([])).toContain('There are no trackers to report on.');
  });

  it('says when the month is still running', () => {
    const html = reportHtml(reportModel({ ...novemberFixture().input, now: new Date('2026-11-20T10:00:00Z') }));
    expect(html).toContain('November 2026 is not over yet: this report counts its days up to today.');
    expect(html).toContain('Current streak <span class="muted">today</span>');
  });
});

describe('print options', () => {
  it('chooses Letter where CLDR says so and A4 elsewhere', () => {
    expect(paperSizeFor('en-US')).toBe('Letter');
    expect(paperSizeFor('en')).toBe('Letter');
    expect(paperSizeFor('es-MX')).toBe('Letter');
    expect(paperSizeFor('fr-CA')).toBe('Letter');
    expect(paperSizeFor('en-GB')).toBe('A4');
    expect(paperSizeFor('de')).toBe('A4');
    expect(paperSizeFor('ja-JP')).toBe('A4');
    expect(paperSizeFor(undefined)).toBe('A4');
    expect(paperSizeFor('not a locale!')).toBe('A4');
  });

  it('hands the printer port the report’s settings, the paper by locale', () => {
    expect(reportPrintOptions('en-US')).toEqual({
      pageSize: 'Letter',
      landscape: false,
      marginsMm: { ...REPORT_MARGINS_MM },
      printBackground: true,
      footerTemplate: REPORT_FOOTER_TEMPLATE,
      tagged: true,
      outline: true,
    });
    expect(reportPrintOptions('de-DE').pageSize).toBe('A4');
    expect(REPORT_PDF_OPTIONS.paperSize('en-PH')).toBe('Letter');
  });

  it('numbers the pages in a footer that holds no user text', () => {
    expect(REPORT_FOOTER_TEMPLATE).toContain('<span class="pageNumber"></span>');
    expect(REPORT_FOOTER_TEMPLATE).toContain('<span class="totalPages"></span>');
    expect(REPORT_FOOTER_TEMPLATE).toMatch(/font-size:\s*8pt/);
    expect(REPORT_FOOTER_TEMPLATE).not.toMatch(/<script|url\(/);
  });
});
