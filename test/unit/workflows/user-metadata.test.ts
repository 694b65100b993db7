import { currentDetails, riyadhTime } from '../../../workflows/contract';

describe("the Temporal UI's user metadata: times for a person", () => {
  it("says Riyadh's wall-clock time to the minute, with its zone, across midnight and a year's end", () => {
    expect(riyadhTime(new Date('2026-12-08T11:30:59.999Z'))).toBe('2026-12-08 14:30 Riyadh (UTC+3)');
    expect(riyadhTime(new Date('2026-12-31T21:00:00Z'))).toBe('2027-01-01 00:00 Riyadh (UTC+3)');
    // Riyadh keeps UTC+3 in northern summer too: no daylight saving.
    expect(riyadhTime(new Date('2026-07-01T20:59:00Z'))).toBe('2026-07-01 23:59 Riyadh (UTC+3)');
  });

  it("agrees with the time-zone database's Asia/Riyadh", () => {
    const parts = (instant: Date) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Riyadh',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .format(instant)
        .replace(',', '');
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 7 * 3_600_000 + 13 * 60_000) {
      expect(riyadhTime(new Date(ms))).toBe(`${parts(new Date(ms))} Riyadh (UTC+3)`);
    }
  });

  it('current details say the stage, since when and the deadline in Riyadh time, never a raw ISO instant', () => {
    const details = currentDetails({
      stage: 'PRINTING',
      since: new Date('2026-12-07T22:00:42.470Z'),
      deadline: new Date('2026-12-09T22:00:42.470Z'),
      slaBreached: false,
      overdue: true,
      officeId: 'RUH-01',
      deliveryMethod: 'PICKUP',
    });
    expect(details.split('\n\n')).toEqual([
      '**Stage** PRINTING since 2026-12-08 01:00 Riyadh (UTC+3)',
      '**Deadline** 2026-12-10 01:00 Riyadh (UTC+3)',
      '**Waiting for** the print centre to print the passport',
      '**Delivery** PICKUP, office RUH-01',
      '**SLA breached** no',
      '**Overdue** yes: past its deadline, operators alerted',
    ]);
    expect(details).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });
});
