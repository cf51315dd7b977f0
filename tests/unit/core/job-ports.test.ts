/** The notifier's and printer's input checks, and the snoozes the worker keeps for the job runner. */
import { describe, expect, it } from 'vitest';
import { parseNudge } from '../../../src-main/core/services/notifier';
import { NudgeSnoozes } from '../../../src-main/core/services/nudge-snoozes';
import { PortFailure } from '../../../src-main/core/services/port-failure';
import { reportPrintOptions, REPORT_FOOTER_TEMPLATE } from '../../../src-main/core/report/report-pdf-options';
import { PAGE_NUMBER_FOOTER, parsePrintInput, printFailed, type PdfOptions } from '../../../src-main/core/services/printer';

const NUDGE = { profileId: 'p-1', title: 'Time to log', body: 'Sleep has no entry today.', trackerIds: ['t-1'], actions: ['snooze', 'done-for-today'] };
const OPTIONS: PdfOptions = { pageSize: 'Letter', landscape: false, marginsMm: { top: 12, right: 12, bottom: 16, left: 12 }, printBackground: true, footerTemplate: PAGE_NUMBER_FOOTER, tagged: false, outline: false };

const failureOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
};

describe('parseNudge', () => {
  it('takes a well-formed nudge as it is', () => {
    expect(parseNudge(NUDGE)).toEqual(NUDGE);
  });

  it.each([
    ['no title', { ...NUDGE, title: '' }, 'title'],
    ['an unknown action', { ...NUDGE, actions: ['delete-everything'] }, 'actions'],
    ['an action twice', { ...NUDGE, actions: ['snooze', 'snooze'] }, 'Each action at most once'],
    ['a tracker id that is no id', { ...NUDGE, trackerIds: [''] }, 'trackerIds'],
    ['an unknown field', { ...NUDGE, html: '<b>' }, 'html'],
    ['no object at all', 'Time to log', 'nudge'],
  ])('refuses %s with PORT_INPUT_INVALID naming it', (_what, value, named) => {
    const failure = failureOf(() => parseNudge(value));
    expect(failure).toBeInstanceOf(PortFailure);
    expect(failure).toMatchObject({ code: 'PORT_INPUT_INVALID', message: expect.stringContaining(named) });
  });
});

describe('parsePrintInput', () => {
  it('takes HTML and well-formed options', () => {
    expect(parsePrintInput('<p>March</p>', OPTIONS)).toEqual({ html: '<p>March</p>', options: OPTIONS });
  });

  it.each([
    ['HTML that is no text', 42, OPTIONS, 'HTML text'],
    ['a paper size neither A4 nor Letter', '<p/>', { ...OPTIONS, pageSize: 'A3' }, 'pageSize'],
    ['a negative margin', '<p/>', { ...OPTIONS, marginsMm: { ...OPTIONS.marginsMm, left: -1 } }, 'marginsMm.left'],
    ['a margin that is no number (NaN)', '<p/>', { ...OPTIONS, marginsMm: { ...OPTIONS.marginsMm, top: Number.NaN } }, 'marginsMm.top'],
    ['a missing footer choice', '<p/>', { ...OPTIONS, footerTemplate: undefined }, 'footerTemplate'],
    ['an option Chromium has but the port does not offer', '<p/>', { ...OPTIONS, scale: 2 }, 'scale'],
  ])('refuses %s with PORT_INPUT_INVALID naming it', (_what, html, options, named) => {
    const failure = failureOf(() => parsePrintInput(html, options));
    expect(failure).toMatchObject({ code: 'PORT_INPUT_INVALID', message: expect.stringContaining(named) });
  });

  it('takes the report’s recommended options as they are: paper by locale, its margins and footer, tagged with an outline', () => {
    expect(parsePrintInput('<p/>', reportPrintOptions('en-US')).options).toEqual({
      pageSize: 'Letter',
      landscape: false,
      marginsMm: { top: 16, right: 16, bottom: 20, left: 16 },
      printBackground: true,
      footerTemplate: REPORT_FOOTER_TEMPLATE,
      tagged: true,
      outline: true,
    });
    expect(reportPrintOptions('de-DE').pageSize).toBe('A4');
  });

  it('says why a print failed, keeping a PortFailure as it is', () => {
    expect(printFailed(new Error('the renderer crashed'))).toMatchObject({ code: 'PRINT_FAILED', message: 'The report could not be printed to PDF: the renderer crashed' });
    const noPrinter = new PortFailure('NO_PRINTER', 'No Chromium.');
    expect(printFailed(noPrinter)).toBe(noPrinter);
  });
});

describe('NudgeSnoozes', () => {
  const at = (hour: number, minute = 0): number => Date.UTC(2026, 10, 30, hour, minute);

  it('holds a tracker’s nudge back until its time, then gives it up once', () => {
    const snoozes = new NudgeSnoozes();
    snoozes.snooze('p-1', ['t-1', 't-2'], at(21));
    expect(snoozes.isSnoozed('p-1', 't-1', at(20, 30))).toBe(true);
    expect(snoozes.isSnoozed('p-1', 't-3', at(20, 30))).toBe(false);
    expect(snoozes.isSnoozed('p-2', 't-1', at(20, 30))).toBe(false);
    expect(snoozes.takeDue(at(20, 59))).toEqual([]);
    expect(snoozes.takeDue(at(21))).toEqual([{ profileId: 'p-1', trackerIds: ['t-1', 't-2'] }]);
    expect(snoozes.takeDue(at(22))).toEqual([]);
    expect(snoozes.isSnoozed('p-1', 't-1', at(20, 30))).toBe(false);
  });

  it('keeps the later time when a tracker is snoozed again, and each profile apart', () => {
    const snoozes = new NudgeSnoozes();
    snoozes.snooze('p-1', ['t-1'], at(22));
    snoozes.snooze('p-1', ['t-1', 't-2'], at(21));
    snoozes.snooze('p-2', ['t-9'], at(21));
    expect(snoozes.takeDue(at(21))).toEqual([
      { profileId: 'p-1', trackerIds: ['t-2'] },
      { profileId: 'p-2', trackerIds: ['t-9'] },
    ]);
    expect(snoozes.takeDue(at(22))).toEqual([{ profileId: 'p-1', trackerIds: ['t-1'] }]);
  });
});
