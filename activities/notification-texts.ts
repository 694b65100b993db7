import { DEFAULT_LANGUAGE, type Language } from '../src/domain/language';
import type { CitizenNotice, NoticeParams } from '../workflows/contract';

/**
 * What the citizen is told at each visible step, by SMS, in Arabic unless the
 * registry says they prefer English. Texts name no one and carry only what the
 * citizen needs to act: amounts in riyals, bill and tracking numbers, offices,
 * and times in Riyadh time.
 */
export function noticeText(notice: CitizenNotice, params: NoticeParams = {}, language: Language = DEFAULT_LANGUAGE) {
  return TEXTS[language][notice](new Values(params, language));
}

const RIYADH = 'Asia/Riyadh';
const LOCALES: Record<Language, string> = { ar: 'ar-SA-u-ca-gregory-nu-latn', en: 'en-GB' };

/**
 * Made once per language: building an `Intl.DateTimeFormat` costs far more
 * than formatting with it, and every SMS with a deadline formats three times.
 */
const FORMATS = Object.fromEntries(
  (Object.keys(LOCALES) as Language[]).map((language) => {
    const locale = LOCALES[language];
    const clock = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone: RIYADH, hour: 'numeric', minute: '2-digit', ...options });
    return [
      language,
      {
        day: new Intl.DateTimeFormat(locale, {
          timeZone: RIYADH,
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
        }),
        clock24: clock({ hourCycle: 'h23', hour: '2-digit' }),
        clock12: clock({ hourCycle: 'h12' }),
      },
    ];
  }),
) as Record<Language, { day: Intl.DateTimeFormat; clock24: Intl.DateTimeFormat; clock12: Intl.DateTimeFormat }>;

/** The notice's parameters, written out for one language. */
class Values {
  constructor(
    private readonly params: NoticeParams,
    private readonly language: Language,
  ) {}

  text(name: string): string {
    return String(this.params[name] ?? '');
  }

  amount(): string {
    const amount = Number(this.params.amountSar).toLocaleString('en-GB');
    return this.language === 'ar' ? `${amount} ر.س` : `SAR ${amount}`;
  }

  /**
   * The deadline `until`, in Riyadh time. Windows that end at a Riyadh midnight
   * (the counter's working days) are written as the end of the day before.
   */
  deadline(): string {
    const at = new Date(this.text('until'));
    if (Number.isNaN(at.getTime())) return '';
    const { day, clock24, clock12 } = FORMATS[this.language];
    if (clock24.format(at) === '00:00') {
      const dayBefore = day.format(new Date(at.getTime() - 1));
      return this.language === 'ar' ? `قبل نهاية يوم ${dayBefore}` : `by the end of ${dayBefore}`;
    }
    return this.language === 'ar'
      ? `قبل الساعة ${clock12.format(at)} يوم ${day.format(at)} بتوقيت الرياض`
      : `by ${clock24.format(at)} on ${day.format(at)}, Riyadh time`;
  }

  reason(): string {
    const reason = this.text('reason');
    return REASONS[this.language][reason] ?? reason;
  }
}

type Texts = Record<CitizenNotice, (v: Values) => string>;

const ARABIC: Texts = {
  ACCEPTANCE_REQUESTED: () =>
    'طلب تجديد جواز سفرك جاهز للمراجعة. يرجى الدخول إلى أبشر لمراجعة بياناتك والموافقة على التعهدات.',
  BILL_ISSUED: (v) =>
    `صدرت فاتورة سداد رقم ${v.text('billNumber')} بمبلغ ${v.amount()} لتجديد جواز سفرك. يرجى السداد ${v.deadline()}.`,
  PAYMENT_RECEIVED: () => 'تم استلام السداد، وجارٍ العمل على تجديد جواز سفرك.',
  WASEL_SUBSCRIPTION_NEEDED: (v) =>
    `يتطلب التوصيل إلى المنزل اشتراكًا مجانيًا في خدمة واصل من البريد السعودي لتسجيل عنوانك الوطني. يرجى الاشتراك ${v.deadline()}.`,
  ADDRESS_FALLBACK_TO_PICKUP: (v) =>
    `لم يُسجَّل عنوانك الوطني خلال المهلة المحددة، لذا سيكون جواز سفرك متاحًا للاستلام من مكتب الجوازات ${v.text('officeId')}.`,
  PRINTING: () => 'جارٍ طباعة جواز سفرك الجديد.',
  READY_FOR_PICKUP: (v) =>
    `جواز سفرك الجديد جاهز للاستلام من مكتب الجوازات ${v.text('officeId')} دون موعد مسبق. يرجى الحضور مع جواز سفرك القديم ${v.deadline()}.`,
  PICKUP_REMINDER: (v) =>
    `تذكير: يرجى استلام جواز سفرك الجديد من مكتب الجوازات ${v.text('officeId')} ${v.deadline()}، مع إحضار جواز سفرك القديم.`,
  DISPATCHED: (v) => `سُلِّم جواز سفرك الجديد إلى البريد السعودي لتوصيله إليك، ورقم الشحنة ${v.text('trackingNumber')}.`,
  OUT_FOR_DELIVERY: () =>
    'جواز سفرك الجديد في طريقه إليك اليوم. يرجى تجهيز جواز سفرك القديم لتسليمه إلى مندوب التوصيل.',
  RETURNED_TO_OFFICE: (v) => `تعذّر توصيل جواز سفرك، ويمكنك استلامه من مكتب الجوازات ${v.text('officeId')}.`,
  LOST_AND_REISSUING: () => 'نعتذر عن فقدان جواز سفرك أثناء الشحن، ويجري إصدار جواز بديل دون أي رسوم عليك.',
  COMPLETED: () => 'اكتمل تجديد جواز سفرك، وأصبح جواز سفرك الجديد ساري المفعول.',
  REJECTED: (v) => `تعذّر تجديد جواز سفرك: ${v.reason()}.`,
  EXPIRED: (v) => `انتهى طلب تجديد جواز سفرك: ${v.reason()}.`,
  CANCELLED: () => 'أُلغي طلب تجديد جواز سفرك.',
  FAILED: () => 'تعذّر إكمال تجديد جواز سفرك، وستتواصل معك المديرية العامة للجوازات.',
};

const ENGLISH: Texts = {
  ACCEPTANCE_REQUESTED: () => 'Your passport renewal is ready for your review and acceptance in Absher.',
  BILL_ISSUED: (v) =>
    `Pay SADAD bill ${v.text('billNumber')} (${v.amount()}) ${v.deadline()} to continue your passport renewal.`,
  PAYMENT_RECEIVED: () => 'Payment received. Your passport renewal is being processed.',
  WASEL_SUBSCRIPTION_NEEDED: (v) =>
    `Home delivery needs a free Wasel national address subscription with Saudi Post. Subscribe ${v.deadline()}.`,
  ADDRESS_FALLBACK_TO_PICKUP: (v) =>
    `No national address was registered in time: collect your passport at passport office ${v.text('officeId')} instead.`,
  PRINTING: () => 'Your new passport is being printed.',
  READY_FOR_PICKUP: (v) =>
    `Your new passport is ready at passport office ${v.text('officeId')}. Come with your old passport, no appointment needed, ${v.deadline()}.`,
  PICKUP_REMINDER: (v) =>
    `Reminder: collect your new passport at passport office ${v.text('officeId')} ${v.deadline()}, with your old passport.`,
  DISPATCHED: (v) => `Your new passport is on its way with Saudi Post, tracking number ${v.text('trackingNumber')}.`,
  OUT_FOR_DELIVERY: () => 'Your new passport is out for delivery today. Have your old passport ready for the courier.',
  RETURNED_TO_OFFICE: (v) =>
    `Delivery could not be completed: collect your passport at passport office ${v.text('officeId')}.`,
  LOST_AND_REISSUING: () => 'Your passport was lost in transit. A replacement is being issued at no cost to you.',
  COMPLETED: () => 'Your passport renewal is complete. Your new passport is now valid.',
  REJECTED: (v) => `Your passport renewal cannot proceed: ${v.reason()}.`,
  EXPIRED: (v) => `Your passport renewal has lapsed: ${v.reason()}.`,
  CANCELLED: () => 'Your passport renewal has been cancelled.',
  FAILED: () => 'Your passport renewal could not be completed. The General Directorate of Passports will contact you.',
};

const TEXTS: Record<Language, Texts> = { ar: ARABIC, en: ENGLISH };

/** Why a renewal was refused or lapsed, as the citizen reads it; other reasons are shown as they are. */
const REASONS: Record<Language, Record<string, string>> = {
  ar: {
    CITIZEN_NOT_FOUND: 'لم يُعثر على سجل لصاحب الطلب',
    NOT_A_CITIZEN: 'الخدمة متاحة للمواطنين فقط',
    NO_PASSPORT_ON_RECORD: 'لا يوجد جواز سفر مسجل باسمك',
    PASSPORT_LOST: 'جواز سفرك الحالي مُبلَّغ عن فقده',
    PASSPORT_STOLEN: 'جواز سفرك الحالي مُبلَّغ عن سرقته',
    PASSPORT_CANCELLED: 'جواز سفرك الحالي ملغى',
    TRAVEL_BAN: 'يوجد منع سفر مسجل عليك',
    UNPAID_TRAFFIC_FINES: 'توجد مخالفات مرورية غير مسددة',
    BIOMETRICS_MISSING: 'بصماتك الحيوية غير مسجلة',
    ACCEPTANCE_WINDOW_ELAPSED: 'انقضت مهلة مراجعة الطلب والموافقة عليه',
    PICKUP_WINDOW_ELAPSED: 'انقضت مهلة استلام الجواز',
  },
  en: {
    CITIZEN_NOT_FOUND: 'no civil record was found',
    NOT_A_CITIZEN: 'the service is for Saudi citizens only',
    NO_PASSPORT_ON_RECORD: 'no passport is on record for you',
    PASSPORT_LOST: 'your current passport is reported lost',
    PASSPORT_STOLEN: 'your current passport is reported stolen',
    PASSPORT_CANCELLED: 'your current passport is cancelled',
    TRAVEL_BAN: 'a travel ban is on record',
    UNPAID_TRAFFIC_FINES: 'traffic fines are unpaid',
    BIOMETRICS_MISSING: 'your biometrics are not on record',
    ACCEPTANCE_WINDOW_ELAPSED: 'the renewal was not reviewed and accepted in time',
    PICKUP_WINDOW_ELAPSED: 'the new passport was not collected in time',
  },
};
