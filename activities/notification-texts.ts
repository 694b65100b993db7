import type { CitizenNotice } from '../workflows/contract';

type Params = Record<string, string | number | undefined>;

/**
 * What the citizen is told at each visible step, by SMS. Texts name no one and
 * carry only what the citizen needs to act (amounts, bill numbers, offices, dates).
 */
const TEXTS: Record<CitizenNotice, (p: Params) => string> = {
  ACCEPTANCE_REQUESTED: () => 'Your passport renewal is ready for your review and acceptance in Absher.',
  BILL_ISSUED: (p) => `Pay SADAD bill ${p.billNumber} (SAR ${p.amountSar}) before ${p.until} to continue your renewal.`,
  PAYMENT_RECEIVED: () => 'Payment received. Your passport renewal is being processed.',
  WASEL_SUBSCRIPTION_NEEDED: (p) =>
    `Home delivery needs a free Wasel national address subscription with Saudi Post. Subscribe before ${p.until}.`,
  ADDRESS_FALLBACK_TO_PICKUP: (p) =>
    `No national address was registered in time: collect your passport at office ${p.officeId} instead.`,
  PRINTING: () => 'Your new passport is being printed.',
  READY_FOR_PICKUP: (p) =>
    `Your new passport is ready at office ${p.officeId}. Come with your old passport, no appointment, before ${p.until}.`,
  PICKUP_REMINDER: (p) => `Reminder: collect your new passport at office ${p.officeId} before ${p.until}.`,
  DISPATCHED: (p) => `Your new passport is on its way with Saudi Post, tracking ${p.trackingNumber}.`,
  OUT_FOR_DELIVERY: () => 'Your passport is out for delivery today. Have your old passport ready for the courier.',
  RETURNED_TO_OFFICE: (p) => `Delivery could not be completed: collect your passport at office ${p.officeId}.`,
  LOST_AND_REISSUING: () => 'Your passport was lost in transit. A replacement is being issued at no cost to you.',
  COMPLETED: () => 'Your passport renewal is complete. Your new passport is now valid.',
  REJECTED: (p) => `Your passport renewal cannot proceed (${p.reason}).`,
  EXPIRED: (p) => `Your passport renewal has lapsed (${p.reason}).`,
  CANCELLED: () => 'Your passport renewal has been cancelled.',
  FAILED: () => 'Your passport renewal could not be completed. The passports office will contact you.',
};

export function noticeText(notice: CitizenNotice, params: Params = {}): string {
  return TEXTS[notice](params);
}
