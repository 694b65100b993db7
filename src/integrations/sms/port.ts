/** The SMS gateway used to tell citizens what happens to their renewal. */
export interface SmsMessage {
  /** Idempotency key: the same key is sent once. */
  messageKey: string;
  /** E.164 mobile, e.g. +966501234567. */
  to: string;
  text: string;
}

export interface SmsReceipt {
  messageId: string;
  acceptedAt: string;
}

export interface SmsGateway {
  send(message: SmsMessage): Promise<SmsReceipt>;
}
