import { randomInt, randomUUID } from 'node:crypto';
import type { SmsMessage } from '../../src/integrations/sms/port';
import { expectPermanent } from '../support/integration-failures';
import { ADAPTER_KINDS, useHarness } from '../support/partner-harness';

function message(overrides: Partial<SmsMessage> = {}): SmsMessage {
  return {
    messageKey: `${randomUUID()}/notice/ready-for-pickup`,
    to: `+9665${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
    text: 'جواز سفرك الجديد جاهز للاستلام. Your new passport is ready for pickup.',
    ...overrides,
  };
}

describe.each(ADAPTER_KINDS)('SMS gateway contract (%s adapter)', (kind) => {
  const harness = useHarness();
  const sms = () => harness().adapters(kind).sms;

  it('accepts a message once per key and keeps it in the outbox of its mobile', async () => {
    const sent = message();
    const receipt = await sms().send(sent);
    expect(receipt).toEqual({ messageId: expect.stringMatching(/^SM[0-9a-f]{32}$/), acceptedAt: expect.any(String) });
    await expect(sms().send(sent)).resolves.toEqual(receipt);
    await sms().send({ ...sent, messageKey: `${randomUUID()}/notice/reminder`, text: 'Reminder' });

    const outbox = await harness().sandboxes.sms.messagesTo(sent.to);
    expect(outbox.map((m) => m.text)).toEqual([sent.text, 'Reminder']);
    expect(outbox[0]).toEqual({ ...sent, ...receipt });
  });

  it('refuses a recipient that is not an E.164 Saudi mobile, and an empty text', async () => {
    const failure = await expectPermanent(sms().send(message({ to: '0501234567' })), 'InvalidMobile');
    expect(failure.message).not.toContain('0501234567');
    await expectPermanent(sms().send(message({ text: ' ' })), 'InvalidRequest');
  });
});
