import { WireReader, type FieldProblem } from '../http/wire-reader';
import type { SmsMessage, SmsReceipt } from './port';

/** The SMS gateway's JSON documents (docs/integrations.md), read and checked field by field. */
export function readSmsReceipt(body: unknown, problem: FieldProblem): SmsReceipt {
  const receipt = WireReader.of(body, problem);
  return { messageId: receipt.string('messageId'), acceptedAt: receipt.timestamp('acceptedAt') };
}

export function readSmsMessage(body: unknown, problem: FieldProblem): SmsMessage {
  const message = WireReader.of(body, problem);
  return { messageKey: message.string('messageKey'), to: message.string('to'), text: message.string('text') };
}
