import { endOfWorkingDays, isWorkingDay } from '../../../workflows/working-days';

describe('working days (Sunday to Thursday, Riyadh time)', () => {
  // 2026-11-29 is a Sunday.
  const sundayMorning = new Date('2026-11-29T06:00:00Z');

  it('Friday and Saturday are the weekend, holidays are skipped', () => {
    expect(isWorkingDay(new Date('2026-11-27T10:00:00Z'), [])).toBe(false); // Friday
    expect(isWorkingDay(new Date('2026-11-28T10:00:00Z'), [])).toBe(false); // Saturday
    expect(isWorkingDay(sundayMorning, [])).toBe(true);
    expect(isWorkingDay(sundayMorning, ['2026-11-29'])).toBe(false);
    // Thursday 22:30 UTC is already Friday in Riyadh.
    expect(isWorkingDay(new Date('2026-12-03T22:30:00Z'), [])).toBe(false);
  });

  it('ten working days from a Sunday end at midnight after the second Sunday', () => {
    // Mon–Thu (4) + Sun–Thu (5) + Sun (1) = 10; Riyadh midnight is 21:00 UTC.
    expect(endOfWorkingDays(sundayMorning, 10, []).toISOString()).toBe('2026-12-13T21:00:00.000Z');
  });

  it('from a Friday, the window starts on Sunday', () => {
    expect(endOfWorkingDays(new Date('2026-11-27T12:00:00Z'), 1, []).toISOString()).toBe('2026-11-29T21:00:00.000Z');
    expect(endOfWorkingDays(new Date('2026-11-27T12:00:00Z'), 10, []).toISOString()).toBe('2026-12-10T21:00:00.000Z');
  });

  it('holidays push the end further', () => {
    const holidays = ['2026-12-01', '2026-12-02'];
    expect(endOfWorkingDays(sundayMorning, 10, holidays).toISOString()).toBe('2026-12-15T21:00:00.000Z');
  });
});
