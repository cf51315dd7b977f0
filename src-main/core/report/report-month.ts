/** The month a report covers, and the month before it (for the comparison), as days. */
import { month as monthSchema } from '../../../src-preload/contract';
import { fail } from '../errors';
import { addDays, nextMonthStart, type Day } from '../insights/days';

export interface ReportMonth {
  /** `YYYY-MM` */
  readonly month: string;
  readonly first: Day;
  readonly last: Day;
  /** The month before, `YYYY-MM`, and its days. */
  readonly previous: string;
  readonly previousFirst: Day;
  readonly previousLast: Day;
}

/** The days of `month` (`YYYY-MM`) and of the month before; RANGE_INVALID for anything else. */
export function reportMonth(month: string): ReportMonth {
  if (!monthSchema.safeParse(month).success) fail('RANGE_INVALID', `A report covers a month given as YYYY-MM, such as 2026-11; "${month.slice(0, 40)}" is not one.`, 'month');
  const first = `${month}-01`;
  const previousLast = addDays(first, -1);
  return {
    month,
    first,
    last: addDays(nextMonthStart(first), -1),
    previous: previousLast.slice(0, 7),
    previousFirst: `${previousLast.slice(0, 7)}-01`,
    previousLast,
  };
}
