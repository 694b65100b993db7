import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import request from 'supertest';
import { SEEDED } from '../../dev/sandboxes/seed-people';
import type { SeedPerson } from '../../dev/sandboxes/seed-people';
import { renewalWorkflowId } from '../../workflows/contract';
import { isCoreMarkerData, payloadsIn } from '../support/history-payloads';
import { seedPerson } from '../support/fixtures';
import { sandboxJourneys } from '../support/journeys';
import { personalDataOf } from '../support/personal-data';
import { type SandboxStack, startStack } from '../support/stack';

interface PayloadJson {
  metadata: Record<string, string>;
  data?: string;
}

/**
 * What the Temporal server stores of a renewal holds no personal data: one
 * pickup and one post renewal of seeded citizens run to completion through the
 * real API, worker and partner sandboxes, then every payload of their raw
 * histories is searched for that citizen's identity, and decoded in full
 * through the codec endpoint by an operator (and by nobody else).
 */
describe('encrypted workflow payloads, over real histories', () => {
  let stack: SandboxStack;
  const operator = () => stack.auth({ role: 'operator' });

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

  const personalData = personalDataOf;

  /** The raw history as the Temporal server stores it, in its JSON form (payload bytes in base64). */
  async function storedHistory(renewalId: string) {
    const history = await stack.temporal.workflow.getHandle(renewalWorkflowId(renewalId)).fetchHistory();
    return { history, json: historyToJSON(history) };
  }

  const decodeBase64 = (value: string) => Buffer.from(value, 'base64').toString('utf8');
  const asJson = (payload: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }) =>
    JSON.parse(
      JSON.stringify({
        metadata: Object.fromEntries(
          Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
        ),
        ...(payload.data?.length ? { data: Buffer.from(payload.data).toString('base64') } : {}),
      }),
    ) as PayloadJson;

  const decodeThroughCodec = (payloads: PayloadJson[], headers: Record<string, string>) =>
    request(stack.http).post('/codec/decode').set(headers).send({ payloads });

  const journeys: Array<[string, string, (person: SeedPerson) => Promise<string>]> = [
    ['pickup', SEEDED.validPassport, (person) => sandboxJourneys(stack).pickupRenewal(person)],
    ['post', SEEDED.prefersEnglish, (person) => sandboxJourneys(stack).postRenewal(person)],
  ];

  it.each(journeys)(
    '%s: no personal data in any stored payload; all of them decode for an operator, for nobody else',
    async (journey, nationalId, run) => {
      const person = seedPerson(nationalId);
      expect(person.address).toBeDefined();
      const renewalId = await run(person);
      const { history, json } = await storedHistory(renewalId);

      // 1. Every payload, base64-decoded (metadata and data), names none of the citizen's data.
      const found = payloadsIn(history);
      const payloads = found.map(({ payload }) => asJson(payload));
      const needles = personalData(person);
      const leaks: string[] = [];
      payloads.forEach((payload, i) => {
        const clear = [...Object.values(payload.metadata), payload.data ?? ''].map(decodeBase64).join('\n');
        // The SDK core's own marker data (a local activity's type, attempt and times; a patch id) is written
        // past the codec: its digits can hold a short needle (a 4-digit building number) by chance, so only long
        // needles are sought there.
        const sought = isCoreMarkerData(found[i]) ? needles.filter((needle) => needle.length >= 8) : needles;
        for (const needle of sought) if (clear.includes(needle)) leaks.push(`${found[i].path}: ${needle}`);
      });
      expect(leaks).toEqual([]);
      // Nor does anything else in the history (failure messages, identities, ...): long values only, as
      // short numbers turn up by chance in ids and base64 text.
      const longNeedles = needles.filter((needle) => needle.length >= 8);
      expect(longNeedles.filter((needle) => json.includes(needle))).toEqual([]);

      const encrypted = payloads.filter((payload) => decodeBase64(payload.metadata.encoding) === 'binary/encrypted');
      // The only clear payloads (checked above like every other): search attributes, which the server indexes,
      // and the SDK core's own bookkeeping in a marker (a local activity's type and attempt, a patch's id).
      const searchAttributes = found.filter(({ path }) => path.includes('indexedFields')).length;
      const coreMarkers = found.filter(isCoreMarkerData).length;
      expect(payloads.length - encrypted.length).toBe(searchAttributes + coreMarkers);
      console.log(
        `${journey}: ${found.length} payloads checked in ${history.events!.length} events ` +
          `(${encrypted.length} encrypted, ${searchAttributes} search attributes, ${coreMarkers} core marker data)`,
      );

      // 2. The operator decodes all of them through the codec endpoint, event by event as the UI does.
      const byEvent = new Map<string, PayloadJson[]>();
      found.forEach(({ path }, i) => {
        const event = path.split('.').slice(0, 2).join('.');
        if (encrypted.includes(payloads[i])) byEvent.set(event, [...(byEvent.get(event) ?? []), payloads[i]]);
      });
      const decoded: PayloadJson[] = [];
      for (const batch of byEvent.values()) {
        const response = await decodeThroughCodec(batch, await operator()).expect(200);
        expect(response.body.payloads).toHaveLength(batch.length);
        decoded.push(...response.body.payloads);
      }
      expect(decoded).toHaveLength(encrypted.length);
      const encodings = new Set(decoded.map((payload) => decodeBase64(payload.metadata.encoding)));
      expect([...encodings].filter((encoding) => encoding === 'binary/encrypted')).toEqual([]);
      // The started event's input (beside the UI's summary and details) is this renewal, for this citizen.
      const inputAt = found.findIndex(({ path }) => path.includes('workflowExecutionStartedEventAttributes.input'));
      const [inputPayload] = (await decodeThroughCodec([payloads[inputAt]], await operator()).expect(200)).body
        .payloads;
      const input = JSON.parse(decodeBase64(inputPayload.data!));
      expect(input).toMatchObject({ renewalId, nationalId: person.nationalId, officeId: 'RUH-01' });

      // 3. Nobody else: no token, a citizen's (their own data), a clerk's.
      const sample = encrypted.slice(0, 3);
      const none = await decodeThroughCodec(sample, {}).expect(401);
      expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
      const citizen = await decodeThroughCodec(
        sample,
        await stack.auth({ role: 'citizen', nationalId: person.nationalId }),
      );
      const clerk = await decodeThroughCodec(sample, await stack.auth({ role: 'clerk', office: 'RUH-01' }));
      expect([citizen.status, clerk.status]).toEqual([403, 403]);
      expect(citizen.body).toMatchObject({ type: 'urn:passport-renewal:problem:forbidden', status: 403 });
      expect(JSON.stringify([none.body, citizen.body, clerk.body])).not.toContain(person.nationalId);
    },
  );
});
