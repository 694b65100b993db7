import { temporal } from '@temporalio/proto';
import { SEEDED } from '../../dev/sandboxes/seed-people';
import { seedPerson } from '../support/fixtures';
import { renewalWorkflowId } from '../../workflows/contract';
import { eventually } from '../support/eventually';
import { sandboxJourneys } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';

/**
 * The two happy paths through the real API, worker and partner sandboxes on
 * the Temporal dev server: how long their histories are, and the SMS the
 * citizen gets on the way.
 *
 * History length is throughput: the Temporal server spends its CPU per event.
 * The floor of this design is one event group per partner call, timer, message
 * from a citizen, clerk or partner, and one marker per stage change; these
 * bounds hold the renewal to it. A count of events is deterministic enough to
 * gate on (unlike a duration).
 */
const BOUNDS = { pickup: 80, post: 110 };
const ARABIC_LETTERS = /[\u0621-\u064A]/;
const COMPLETED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED;

describe('the happy paths: history length, and the SMS on the way', () => {
  let stack: SandboxStack;

  beforeAll(async () => {
    stack = await startStack({
      sandboxes: true,
      env: {
        SANDBOX_PRINT_CENTRE_DELAY_MS: '200',
        SANDBOX_SAUDI_POST_STEP_DELAY_MS: '200',
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function eventsOf(renewalId: string): Promise<temporal.api.history.v1.IHistoryEvent[]> {
    const handle = stack.temporal.workflow.getHandle(renewalWorkflowId(renewalId));
    await handle.result();
    return (await handle.fetchHistory()).events ?? [];
  }

  /** The SMS the gateway accepted for the renewal, once the worker's sender has delivered every notice. */
  async function smsOf(renewalId: string, mobile: string) {
    await eventually(async () => {
      const notices = await stack.db.query('SELECT status FROM sms_outbox WHERE renewal_id = $1', [renewalId]);
      return notices.length > 0 && notices.every((n: { status: string }) => n.status === 'SENT') ? true : undefined;
    }, 'every notice sent');
    // The sandbox gateway's own outbox, as its control endpoint shows it.
    const response = await fetch(`${stack.sandboxes.url}/sandbox/sms/messages?to=${encodeURIComponent(mobile)}`);
    const { messages } = (await response.json()) as { messages: Array<{ messageKey: string; text: string }> };
    return messages.filter((sms) => sms.messageKey.startsWith(`${renewalId}/`)).map((sms) => sms.text);
  }

  function report(path: string, events: temporal.api.history.v1.IHistoryEvent[]): void {
    const byType = new Map<string, number>();
    for (const event of events) {
      const type = temporal.api.enums.v1.EventType[event.eventType ?? 0].replace(/^EVENT_TYPE_/, '');
      byType.set(type, (byType.get(type) ?? 0) + 1);
    }
    const lines = [...byType]
      .sort((a, b) => b[1] - a[1])
      .map(([type, count]) => `  ${String(count).padStart(3)} ${type}`);
    console.log(
      `${path} happy path: ${events.length} events (bound ${BOUNDS[path as keyof typeof BOUNDS]})\n${lines.join('\n')}`,
    );
  }

  it(`pickup: at most ${BOUNDS.pickup} events`, async () => {
    const nationalId = SEEDED.validPassport;
    const renewalId = await sandboxJourneys(stack).pickupRenewal(seedPerson(nationalId));
    const events = await eventsOf(renewalId);
    report('pickup', events);
    expect(events.at(-1)?.eventType).toBe(COMPLETED);
    expect(events.length).toBeLessThanOrEqual(BOUNDS.pickup);

    // Written to in Arabic, the registry's default: one SMS per visible step, each once.
    const sms = await smsOf(renewalId, seedPerson(nationalId).mobile);
    console.log(`SMS to the pickup citizen (Arabic):\n${sms.join('\n')}`);
    expect(sms).toHaveLength(6);
    for (const text of sms) expect(text).toMatch(ARABIC_LETTERS);
    expect(sms.at(-1)).toBe('اكتمل تجديد جواز سفرك، وأصبح جواز سفرك الجديد ساري المفعول.');
  });

  it(`post: at most ${BOUNDS.post} events`, async () => {
    const nationalId = SEEDED.prefersEnglish;
    const renewalId = await sandboxJourneys(stack).renewAndPay(seedPerson(nationalId), { method: 'POST' });
    // The Saudi Post sandbox carries the envelope to the door and reports each step by webhook.
    const events = await eventsOf(renewalId);
    report('post', events);
    expect(events.at(-1)?.eventType).toBe(COMPLETED);
    expect(events.length).toBeLessThanOrEqual(BOUNDS.post);

    // The registry says this citizen prefers English.
    const sms = await smsOf(renewalId, seedPerson(nationalId).mobile);
    console.log(`SMS to the post citizen (English):\n${sms.join('\n')}`);
    expect(sms).toHaveLength(7);
    for (const text of sms) expect(text).not.toMatch(ARABIC_LETTERS);
    expect(sms.find((text) => text.includes('Saudi Post'))).toMatch(/tracking number [A-Z]{2}\d{9}SA/);
  });
});
