import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DataSource } from 'typeorm';
import { DEFAULT_POLICY } from '../../src/config/policy';
import type { SmsSenderConfig } from '../../src/config/sms-sender';
import { permanentFailure, TransientIntegrationError } from '../../src/integrations/errors';
import type { SmsGateway } from '../../src/integrations/sms/port';
import { openDataSource } from '../../src/persistence/data-source';
import { createPersistence, type Persistence } from '../../src/persistence/persistence';
import { testPersonalData } from '../support/personal-data-keys';
import { openSandboxDataSource } from '../../dev/sandboxes/database';
import { createSandboxes, type Sandboxes } from '../../dev/sandboxes/sandboxes';
import { SmsOutboxSender } from '../../src/worker/sms-outbox-sender';
import type { CitizenNotice, NoticeParams } from '../../workflows/contract';
import { seedCitizen, type SeededCitizen } from '../support/citizens';
import { testSandboxConfig } from '../support/config';
import { createDatabase } from '../support/databases';
import { eventually } from '../support/eventually';
import { requireEnv } from '../support/temporal-test-env';

const FAST: SmsSenderConfig = {
  pollIntervalMs: 50,
  batchSize: 20,
  leaseMs: 1_000,
  retryInitialMs: 20,
  retryMaxMs: 100,
};
const ARABIC_LETTERS = /[\u0621-\u064A]/;
const quiet = { warn: () => undefined };

/**
 * The worker's SMS sender against real PostgreSQL (the outbox, the read model)
 * and the registry and SMS gateway sandboxes, on a database of its own.
 */
describe('SMS outbox sender', () => {
  let url: string;
  let db: DataSource;
  let sandboxDb: DataSource;
  let persistence: Persistence;
  let sandboxes: Sandboxes;

  beforeAll(async () => {
    url = await createDatabase(requireEnv('DATABASE_URL'), `renewals_sms_${randomUUID().slice(0, 8)}`);
    db = await openDataSource(url);
    persistence = createPersistence(db, testPersonalData());
    sandboxDb = await openSandboxDataSource(url, 2);
    sandboxes = createSandboxes(testSandboxConfig({ DATABASE_URL: url }), sandboxDb);
  });

  afterAll(async () => {
    await db?.destroy();
    await sandboxDb?.destroy();
  });

  /** A renewal of `citizen` (the row the API writes), with its notices queued as a progress write queues them. */
  async function renewalWith(citizen: { nationalId: string }, notices: Array<[CitizenNotice, NoticeParams?]>) {
    const renewalId = randomUUID();
    await persistence.renewals.recordCreated({
      renewalId,
      nationalId: citizen.nationalId,
      officeId: 'RUH-01',
      policy: DEFAULT_POLICY,
    });
    const keys = notices.map((_, i) => `${renewalId}/notice-${i + 1}`);
    for (const [i, [notice, params]] of notices.entries()) {
      await persistence.smsOutbox.enqueue([{ messageKey: keys[i], renewalId, notice, params: params ?? {} }]);
    }
    return { renewalId, keys };
  }

  async function drained(renewalIds: string[]) {
    return eventually(async () => {
      const rows = (await Promise.all(renewalIds.map((id) => persistence.smsOutbox.ofRenewal(id)))).flat();
      return rows.every((row) => row.status !== 'PENDING') ? rows : undefined;
    }, 'every notice settled');
  }

  /** What the sandbox gateway accepted for a mobile, by message key. */
  const accepted = async (citizen: SeededCitizen) => sandboxes.sms.messagesTo(citizen.mobile);

  it('sends each notice once, in the citizen’s language, in the order it was written', async () => {
    const arabic = await seedCitizen(db);
    const english = await seedCitizen(db, { preferredLanguage: 'en' });
    const bill: NoticeParams = { billNumber: '700100000009', amountSar: 600, until: '2026-12-03T09:30:00.000Z' };
    const forArabic = await renewalWith(arabic, [['BILL_ISSUED', bill], ['PAYMENT_RECEIVED'], ['PRINTING']]);
    const forEnglish = await renewalWith(english, [['BILL_ISSUED', bill], ['PAYMENT_RECEIVED'], ['PRINTING']]);
    const sender = new SmsOutboxSender(persistence.smsOutbox, sandboxes.registry, sandboxes.sms, FAST, quiet);
    sender.start();
    const rows = await drained([forArabic.renewalId, forEnglish.renewalId]);
    await sender.stop();

    expect(rows.map((row) => [row.status, row.attempts])).toEqual(Array(6).fill(['SENT', 1]));
    const toArabic = await accepted(arabic);
    expect(toArabic.map((sms) => sms.messageKey)).toEqual(forArabic.keys);
    for (const sms of toArabic) expect(sms.text).toMatch(ARABIC_LETTERS);
    expect(toArabic[0].text).toContain('700100000009 بمبلغ 600 ر.س');
    const toEnglish = await accepted(english);
    expect(toEnglish.map((sms) => sms.text)).toEqual([
      'Pay SADAD bill 700100000009 (SAR 600) by 12:30 on Thursday, 3 December 2026, Riyadh time to continue ' +
        'your passport renewal.',
      'Payment received. Your passport renewal is being processed.',
      'Your new passport is being printed.',
    ]);
    const sentRows = await persistence.smsOutbox.ofRenewal(forEnglish.renewalId);
    expect(sentRows.map((row) => [row.language, row.gatewayMessageId])).toEqual(
      toEnglish.map((sms) => ['en', sms.messageId]),
    );
  });

  it('retries a gateway that is down, with backoff, until it answers', async () => {
    const citizen = await seedCitizen(db);
    const { renewalId } = await renewalWith(citizen, [['PRINTING'], ['COMPLETED']]);
    let outage = 3;
    const flaky: SmsGateway = {
      send: async (message) => {
        if (outage-- > 0) throw new TransientIntegrationError('sms', 'send', 'HTTP 503');
        return sandboxes.sms.send(message);
      },
    };
    const sender = new SmsOutboxSender(persistence.smsOutbox, sandboxes.registry, flaky, FAST, quiet);
    sender.start();
    const rows = await drained([renewalId]);
    await sender.stop();
    expect(rows.map((row) => [row.notice, row.status, row.attempts, row.lastError])).toEqual([
      ['PRINTING', 'SENT', 4, null],
      ['COMPLETED', 'SENT', 1, null],
    ]);
    expect((await accepted(citizen)).map((sms) => sms.messageKey)).toEqual(rows.map((row) => row.messageKey));
  });

  it('records a notice that can never be sent, once, and goes on with the next', async () => {
    const citizen = await seedCitizen(db);
    const unknown = { nationalId: '1000000008' };
    await db.query('DELETE FROM sandbox.registry_passports WHERE national_id = $1', [unknown.nationalId]);
    await db.query('DELETE FROM sandbox.wasel_subscriptions WHERE national_id = $1', [unknown.nationalId]);
    await db.query('DELETE FROM sandbox.registry_people WHERE national_id = $1', [unknown.nationalId]);
    const forUnknown = await renewalWith(unknown, [['CANCELLED']]);
    const forCitizen = await renewalWith(citizen, [['PRINTING'], ['COMPLETED']]);
    let refusals = 0;
    const refusing: SmsGateway = {
      send: async (message) => {
        if (message.messageKey === forCitizen.keys[0]) {
          refusals += 1;
          throw permanentFailure('InvalidMobile', 'recipient is not a Saudi mobile in E.164 form', { field: 'to' });
        }
        return sandboxes.sms.send(message);
      },
    };
    const sender = new SmsOutboxSender(persistence.smsOutbox, sandboxes.registry, refusing, FAST, quiet);
    sender.start();
    const rows = await drained([forUnknown.renewalId, forCitizen.renewalId]);
    await sender.stop();
    expect(rows.map((row) => [row.notice, row.status, row.attempts, row.lastError])).toEqual([
      ['CANCELLED', 'UNDELIVERABLE', 1, 'CitizenNotFound'],
      ['PRINTING', 'UNDELIVERABLE', 1, 'InvalidMobile'],
      ['COMPLETED', 'SENT', 1, null],
    ]);
    expect(refusals).toBe(1);
  });

  it('records a notice whose renewal’s personal data were erased as undeliverable, asking nobody', async () => {
    const citizen = await seedCitizen(db);
    const { renewalId } = await renewalWith(citizen, [['COMPLETED']]);
    await db.query(
      `UPDATE renewals SET national_id_hmac = NULL, national_id_enc = NULL, national_id_key = NULL,
              personal_data_erased_at = now() WHERE renewal_id = $1`,
      [renewalId],
    );
    const sender = new SmsOutboxSender(persistence.smsOutbox, sandboxes.registry, sandboxes.sms, FAST, quiet);
    sender.start();
    const rows = await drained([renewalId]);
    await sender.stop();
    expect(rows.map((row) => [row.status, row.lastError])).toEqual([['UNDELIVERABLE', 'PersonalDataErased']]);
    expect(await accepted(citizen)).toEqual([]);
  });

  it('killed between sending and recording, then restarted: every SMS is in the gateway once and recorded once', async () => {
    const citizens = await Promise.all([
      seedCitizen(db),
      seedCitizen(db, { preferredLanguage: 'en' }),
      seedCitizen(db),
    ]);
    const renewals = [];
    for (const citizen of citizens) {
      renewals.push(
        await renewalWith(citizen, [
          ['BILL_ISSUED', { billNumber: '700100000010', amountSar: 635 }],
          ['PAYMENT_RECEIVED'],
          ['PRINTING'],
        ]),
      );
    }
    const keys = renewals.flatMap((renewal) => renewal.keys);
    const wireSends = new Map<string, number>();

    // Twice, a sender process is SIGKILLed right after the gateway accepted a message it has not recorded.
    const killedAfterSending: string[] = [];
    for (const hangAfter of [1, 3]) {
      killedAfterSending.push(await runUntilKilled(hangAfter, wireSends));
    }
    // The last one is still unrecorded: its sender died before it could say so.
    const lastKilled = killedAfterSending.at(-1)!;
    const unrecorded = await persistence.smsOutbox.ofRenewal(lastKilled.split('/')[0]);
    expect(unrecorded.find((row) => row.messageKey === lastKilled)).toMatchObject({ status: 'PENDING' });

    // The worker restarts: its sender takes over once the dead one's lease has run out.
    const sender = new SmsOutboxSender(persistence.smsOutbox, sandboxes.registry, counting(wireSends), FAST, quiet);
    sender.start();
    const rows = await drained(renewals.map((renewal) => renewal.renewalId));
    await sender.stop();

    // Recorded once each, as sent.
    expect(rows.map((row) => row.status)).toEqual(Array(keys.length).fill('SENT'));
    // The killed sends went over the wire twice; the gateway took the key, kept one message and answered with it.
    for (const key of killedAfterSending) expect(wireSends.get(key)).toBeGreaterThanOrEqual(2);
    const counts: Array<{ message_key: string; n: number; message_id: string }> = await db.query(
      `SELECT message_key, count(*)::int AS n, min(message_id) AS message_id FROM sandbox.sms_outbox
        WHERE message_key = ANY($1) GROUP BY message_key ORDER BY message_key`,
      [keys],
    );
    expect(counts.map((row) => [row.message_key, row.n])).toEqual([...keys].sort().map((key) => [key, 1]));
    const gatewayIds = new Map(counts.map((row) => [row.message_key, row.message_id]));
    for (const row of rows) expect(row.gatewayMessageId).toBe(gatewayIds.get(row.messageKey));
    console.log(
      `${keys.length} SMS, ${[...wireSends.values()].reduce((a, b) => a + b, 0)} send attempts on the wire, ` +
        `2 sender processes SIGKILLed after sending ${killedAfterSending.length} of them: ` +
        `${counts.length} messages in the gateway's outbox, ${rows.filter((r) => r.status === 'SENT').length} recorded sent`,
    );
  });

  /** A gateway that counts what goes over the wire, by key. */
  function counting(wireSends: Map<string, number>): SmsGateway {
    return {
      send: (message) => {
        wireSends.set(message.messageKey, (wireSends.get(message.messageKey) ?? 0) + 1);
        return sandboxes.sms.send(message);
      },
    };
  }

  /** Runs a sender process until it has sent its `hangAfter`-th message, SIGKILLs it, and answers that key. */
  function runUntilKilled(hangAfter: number, wireSends: Map<string, number>): Promise<string> {
    const child = spawn(
      process.execPath,
      [join(__dirname, '..', 'support', 'ts-child.cjs'), join(__dirname, 'support', 'sms-sender-child.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          HANG_AFTER_SENDS: String(hangAfter),
          SMS_SENDER_LEASE_MS: String(FAST.leaseMs),
          SMS_SENDER_POLL_INTERVAL_MS: String(FAST.pollIntervalMs),
          SMS_SENDER_RETRY_MS: String(FAST.retryInitialMs),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`sender process ended by itself (${code ?? signal})`));
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const [word, key] = line.split(' ');
        if (word === 'SEND') wireSends.set(key, (wireSends.get(key) ?? 0) + 1);
        if (word === 'SENT') {
          child.kill('SIGKILL');
          child.once('exit', () => resolve(key));
        }
      });
    });
  }
});
