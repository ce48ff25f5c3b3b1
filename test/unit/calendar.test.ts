// Workday arithmetic on UTC day numbers, checked against hand-counted
// calendars and, for the ordinal bookkeeping, against a naive day-by-day walk.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { PlanCalendars, WorkCalendar, fromDayNumber, isoWeekKey, isoWeekStart, localToday, toDayNumber, weekdayOf } from '../../src/core/calendar';

const d = toDayNumber;
const iso = fromDayNumber;

describe('calendar: day numbers', () => {
  it('maps ISO dates to days since 1970-01-01 and back', () => {
    assert.equal(d('1970-01-01'), 0);
    assert.equal(d('2000-01-01'), 10957); // 946684800 s / 86400
    assert.equal(d('1969-12-31'), -1);
    assert.equal(d('2000-03-01') - d('2000-02-28'), 2); // 2000 is a leap year
    assert.equal(d('1900-03-01') - d('1900-02-28'), 1); // 1900 is not
    assert.equal(iso(d('2024-02-29')), '2024-02-29');
    for (let n = -800; n < 30000; n += 37) assert.equal(iso(n), new Date(n * 86400000).toISOString().slice(0, 10));
  });

  it('localToday formats a date in local time as YYYY-MM-DD', () => {
    assert.equal(localToday(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  });

  it('knows weekdays and ISO weeks, including at year ends', () => {
    assert.equal(weekdayOf(d('2026-01-05')), 1); // Monday
    assert.equal(weekdayOf(d('1970-01-01')), 4); // Thursday
    assert.equal(iso(isoWeekStart(d('2026-01-11'))), '2026-01-05'); // Sunday belongs to the week before
    assert.equal(isoWeekKey(d('2026-01-01')), '2026-W01');
    assert.equal(isoWeekKey(d('2026-01-05')), '2026-W02');
    assert.equal(isoWeekKey(d('2027-01-01')), '2026-W53'); // 2026 starts on a Thursday: 53 weeks
    assert.equal(isoWeekKey(d('2024-12-30')), '2025-W01');
    assert.equal(isoWeekKey(d('2021-01-03')), '2020-W53');
  });
});

describe('calendar: WorkCalendar', () => {
  // Mon-Fri with Monday 2026-01-19 a holiday.
  const cal = new WorkCalendar([1, 2, 3, 4, 5], ['2026-01-19']);

  it('skips weekends and holidays', () => {
    assert.equal(cal.isWorkday(d('2026-01-16')), true);
    assert.equal(cal.isWorkday(d('2026-01-17')), false);
    assert.equal(cal.isWorkday(d('2026-01-19')), false);
    assert.equal(iso(cal.nextWorkday(d('2026-01-16'))), '2026-01-20');
    assert.equal(iso(cal.previousWorkday(d('2026-01-20'))), '2026-01-16');
    assert.equal(iso(cal.onOrAfter(d('2026-01-17'))), '2026-01-20');
    assert.equal(iso(cal.onOrBefore(d('2026-01-19'))), '2026-01-16');
    assert.equal(iso(cal.onOrAfter(d('2026-01-20'))), '2026-01-20');
  });

  it('adds and counts workdays', () => {
    assert.equal(iso(cal.addWorkdays(d('2026-01-16'), 1)), '2026-01-20');
    assert.equal(iso(cal.addWorkdays(d('2026-01-20'), -1)), '2026-01-16');
    assert.equal(iso(cal.addWorkdays(d('2026-01-05'), 10)), '2026-01-20'); // 5 + 4 (holiday) + Tue
    assert.equal(iso(cal.addWorkdays(d('2026-01-17'), 0)), '2026-01-20');
    // January 2026 from the 5th: 4 weeks = 20 workdays minus the holiday.
    assert.equal(cal.countWorkdays(d('2026-01-05'), d('2026-01-30')), 19);
    assert.equal(cal.countWorkdays(d('2026-01-17'), d('2026-01-19')), 0);
    assert.equal(cal.countWorkdays(d('2026-01-09'), d('2026-01-05')), 0);
    assert.equal(cal.workdaysBetween(d('2026-01-12'), d('2026-01-05')), -5);
    assert.equal(iso(cal.finishOf(d('2026-01-15'), 3)), '2026-01-20'); // Thu, Fri, (holiday) Tue
    assert.equal(iso(cal.startOf(d('2026-01-20'), 3)), '2026-01-15');
  });

  it('supports a Sunday-Thursday week', () => {
    const sunThu = new WorkCalendar([0, 1, 2, 3, 4]);
    assert.equal(iso(sunThu.nextWorkday(d('2026-01-08'))), '2026-01-11'); // Thu -> Sun
    assert.equal(sunThu.countWorkdays(d('2026-01-04'), d('2026-01-10')), 5);
  });

  it('agrees with a naive day-by-day walk over two years of holidays and time off', () => {
    const off = ['2026-01-01', '2026-01-19', '2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13', '2026-02-14', '2026-12-25', '2027-01-01'];
    const c = new WorkCalendar([1, 2, 3, 4, 5], off);
    const offSet = new Set(off.map(d));
    const first = d('2025-12-01');
    let k = c.ordinal(first);
    for (let day = first; day < first + 730; day++) {
      const work = weekdayOf(day) >= 1 && weekdayOf(day) <= 5 && !offSet.has(day);
      assert.equal(c.isWorkday(day), work, iso(day));
      assert.equal(c.ordinal(day), k, iso(day));
      if (work) { assert.equal(c.dayOfOrdinal(k), day, iso(day)); k++; }
    }
  });

  it('gives each person the plan holidays plus their days off (ranges expanded)', () => {
    const plan = parsePlan(`version: 1
project:
  name: Cal
  calendar:
    holidays: [2026-02-16]
people:
  - id: ana
    off: [2026-02-09..2026-02-13]
  - id: bo
milestones: []
`).plan!;
    const cals = new PlanCalendars(plan);
    // Ana: a week off, then the holiday: Fri 6 + 1 workday = Tue 17.
    assert.equal(iso(cals.forAssignee('ana').addWorkdays(d('2026-02-06'), 1)), '2026-02-17');
    assert.equal(iso(cals.forAssignee('bo').addWorkdays(d('2026-02-06'), 1)), '2026-02-09');
    assert.equal(cals.forAssignee(undefined), cals.plan);
    assert.equal(cals.forAssignee('nobody'), cals.plan);
  });
});
