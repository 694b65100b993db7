import { noticeText } from '../../../activities/notification-texts';
import type { CitizenNotice } from '../../../workflows/contract';

const NOTICES: CitizenNotice[] = [
  'ACCEPTANCE_REQUESTED',
  'BILL_ISSUED',
  'PAYMENT_RECEIVED',
  'WASEL_SUBSCRIPTION_NEEDED',
  'ADDRESS_FALLBACK_TO_PICKUP',
  'PRINTING',
  'READY_FOR_PICKUP',
  'PICKUP_REMINDER',
  'DISPATCHED',
  'OUT_FOR_DELIVERY',
  'RETURNED_TO_OFFICE',
  'LOST_AND_REISSUING',
  'COMPLETED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
  'FAILED',
];
const PARAMS = {
  billNumber: '700100000001',
  amountSar: 635,
  // 12:30 in Riyadh (UTC+3).
  until: '2026-12-03T09:30:00.000Z',
  officeId: 'RUH-01',
  trackingNumber: 'SP123456789SA',
  reason: 'TRAVEL_BAN',
};
const ARABIC_LETTERS = /[\u0621-\u064A]/;

describe('SMS texts', () => {
  it('are written for every notice in Arabic (the default) and English, within one SMS of 10 segments', () => {
    for (const notice of NOTICES) {
      const arabic = noticeText(notice, PARAMS);
      expect(noticeText(notice, PARAMS, 'ar')).toBe(arabic);
      expect(arabic).toMatch(ARABIC_LETTERS);
      const english = noticeText(notice, PARAMS, 'en');
      expect(english).not.toMatch(ARABIC_LETTERS);
      for (const text of [arabic, english]) {
        expect(text.length).toBeGreaterThan(20);
        expect([...text].length).toBeLessThanOrEqual(670);
        // No raw ISO time or code leaks into what the citizen reads.
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T|undefined|TRAVEL_BAN/);
      }
    }
  });

  it('give amounts in riyals and deadlines in Riyadh time', () => {
    expect(noticeText('BILL_ISSUED', PARAMS, 'en')).toBe(
      'Pay SADAD bill 700100000001 (SAR 635) by 12:30 on Thursday, 3 December 2026, Riyadh time to continue ' +
        'your passport renewal.',
    );
    expect(noticeText('BILL_ISSUED', PARAMS, 'ar')).toBe(
      'صدرت فاتورة سداد رقم 700100000001 بمبلغ 635 ر.س لتجديد جواز سفرك. ' +
        'يرجى السداد قبل الساعة 12:30 م يوم الخميس، 3 ديسمبر 2026 بتوقيت الرياض.',
    );
  });

  it('write a window that closes at a Riyadh midnight as the end of the day before', () => {
    // 21:00 UTC is midnight in Riyadh: the counter's last working day is Thursday the 17th.
    const until = '2026-12-17T21:00:00.000Z';
    expect(noticeText('READY_FOR_PICKUP', { officeId: 'JED-02', until }, 'en')).toContain(
      'by the end of Thursday, 17 December 2026',
    );
    expect(noticeText('READY_FOR_PICKUP', { officeId: 'JED-02', until }, 'ar')).toContain(
      'قبل نهاية يوم الخميس، 17 ديسمبر 2026',
    );
  });

  it('explain refusals and lapses in words; an unknown reason is shown as it is', () => {
    expect(noticeText('REJECTED', { reason: 'TRAVEL_BAN' }, 'en')).toBe(
      'Your passport renewal cannot proceed: a travel ban is on record.',
    );
    expect(noticeText('EXPIRED', { reason: 'PICKUP_WINDOW_ELAPSED' }, 'ar')).toBe(
      'انتهى طلب تجديد جواز سفرك: انقضت مهلة استلام الجواز.',
    );
    expect(noticeText('REJECTED', { reason: 'SOMETHING_NEW' }, 'en')).toContain('SOMETHING_NEW');
  });
});
