import { isMobile } from '../../../src/domain/mobile';
import { invalidRequest, permanentFailure } from '../../../src/integrations/errors';
import type { FaultInjector } from '../faults';
import { isoTimestamp, queryRow, queryRows, type Queryable } from '../sql';
import type { SmsGateway, SmsMessage, SmsReceipt } from '../../../src/integrations/sms/port';

/** A message as the gateway accepted it, for tests and demos to read back. */
export interface SentSms extends SmsMessage {
  messageId: string;
  acceptedAt: string;
}

interface OutboxRow {
  message_id: string;
  message_key: string;
  to_mobile: string;
  body: string;
  accepted_at: Date;
}

/** Longest text accepted: 10 concatenated Arabic (UCS-2) segments of 67 characters. */
const MAX_TEXT_LENGTH = 670;

/**
 * The SMS gateway on its own table, `sandbox.sms_outbox`: messages are
 * accepted once per key and never leave the machine; `messagesTo` reads the
 * outbox of one mobile.
 */
export class SandboxSmsGateway implements SmsGateway {
  constructor(
    private readonly db: Queryable,
    private readonly faults: FaultInjector,
  ) {}

  send(message: SmsMessage): Promise<SmsReceipt> {
    return this.faults.call('send', async () => {
      if (!message.messageKey?.trim()) throw invalidRequest('messageKey', 'is required');
      if (!isMobile(message.to)) {
        throw permanentFailure('InvalidMobile', 'recipient is not a Saudi mobile in E.164 form', { field: 'to' });
      }
      if (!message.text?.trim() || [...message.text].length > MAX_TEXT_LENGTH) {
        throw invalidRequest('text', `must be 1 to ${MAX_TEXT_LENGTH} characters`);
      }
      // A key seen before answers with the message accepted then (read only in that case).
      const row =
        (await queryRow<OutboxRow>(
          this.db,
          `INSERT INTO sandbox.sms_outbox (message_id, message_key, to_mobile, body)
           VALUES ('SM' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3)
           ON CONFLICT (message_key) DO NOTHING
           RETURNING *`,
          [message.messageKey, message.to, message.text],
        )) ??
        (await queryRow<OutboxRow>(this.db, `SELECT * FROM sandbox.sms_outbox WHERE message_key = $1`, [
          message.messageKey,
        ]));
      return { messageId: row!.message_id, acceptedAt: isoTimestamp(row!.accepted_at) };
    });
  }

  /** Every message accepted for a mobile, oldest first (sandbox control, not part of the port). */
  async messagesTo(mobile: string): Promise<SentSms[]> {
    const rows = await queryRows<OutboxRow>(
      this.db,
      `SELECT * FROM sandbox.sms_outbox WHERE to_mobile = $1 ORDER BY accepted_at, message_id`,
      [mobile],
    );
    return rows.map((row) => ({
      messageId: row.message_id,
      messageKey: row.message_key,
      to: row.to_mobile,
      text: row.body,
      acceptedAt: isoTimestamp(row.accepted_at),
    }));
  }
}
