/**
 * The carrier every envelope of this service travels with, as its couriers' `carrier` claim names it: Saudi Post
 * (SPL), under its agreement with the Directorate.
 */
export const SHIPMENT_CARRIER = 'SPL';

/**
 * The tracking events Saudi Post reports for a shipment, in the order a
 * delivery normally goes. One list for the carrier port, its wire format, the
 * webhook DTO and the workflow's reducer.
 */
export const CARRIER_EVENT_TYPES = [
  'ACCEPTED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERY_ATTEMPTED',
  'DELIVERED',
  'RETURNED',
  'LOST',
] as const;

export type CarrierEventType = (typeof CARRIER_EVENT_TYPES)[number];

/** How the courier confirmed the recipient of a DELIVERED envelope. */
export const DELIVERY_PROOFS = ['OTP', 'ID_CHECK'] as const;

export type DeliveryProof = (typeof DELIVERY_PROOFS)[number];
