import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CITIZEN } from '../support/fake-partners';
import { encodingOf, isCoreMarkerData, isSearchAttribute, payloadsIn } from '../support/history-payloads';
import { testDataConverter } from '../support/payload-keys';
import { RECORDED_HISTORY_SUFFIX } from '../support/renewal-driver';
import { installQuietRuntime, requireEnv } from '../support/temporal-test-env';

/**
 * Recorded histories of every renewal path, replayed against the current
 * workflow code: a change that would break running renewals (non-determinism)
 * fails here. One generation, v1 (`-v1.json`), recorded with the suite's test
 * key by:
 *
 *   RECORD_HISTORIES=1 npx jest test/workflows
 *
 * A change that must reach running renewals goes behind `patched()` and these
 * keep replaying; a change that does not fails here and ships as a new worker
 * version instead, after which its histories are recorded afresh.
 */
const HISTORIES_DIR = join(__dirname, 'histories');
const files = readdirSync(HISTORIES_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort();
const readHistory = (file: string) => historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
/** The workflow tests' groups, which prefix their histories' names. */
const REPLAY_GROUPS = [
  'cancellation-',
  'eligibility-',
  'every-stage-on-its-own-clock-',
  'failures-of-partner-systems-',
  'loss-in-transit-and-reissue-',
  'online-acceptance-and-payment-',
  'opening-a-renewal-by-update-with-start-',
  'renewal-with-home-delivery-by-saudi-post-',
  'renewal-with-pickup-at-the-counter-',
  'safety-rule-',
  'wasel-national-address-for-home-delivery-',
];
/**
 * Every test of test/workflows that drives a renewal through RenewalDriver records one: 68 in v1 (of the 70 tests,
 * the validator's runs on the dev server and the safety check's own failure records nothing), 16 of them the stage
 * clocks' table (each stage's partner failing, and hanging, forever).
 */
const MIN_HISTORIES = 68;
/** A group holds up to some 20 histories, replayed in well under a second each when the machine is idle. */
const REPLAY_GROUP_TIMEOUT_MS = 60_000;

describe('replay of recorded renewal histories', () => {
  it('has a history for every path the workflow tests drive, all of this generation', () => {
    expect(files.length).toBeGreaterThanOrEqual(MIN_HISTORIES);
    expect(files.filter((file) => !file.endsWith(RECORDED_HISTORY_SUFFIX))).toEqual([]);
  });

  // One test per group of paths (the workflow tests' describe blocks), each with its own timeout: together they
  // replay some 50 histories, too many for one test's budget on a loaded 2-core machine.
  it('sorts every history into a replay group', () => {
    expect(files.filter((file) => !REPLAY_GROUPS.some((group) => file.startsWith(group)))).toEqual([]);
  });

  it.each(REPLAY_GROUPS)(
    'replays every %s history without non-determinism',
    async (group) => {
      installQuietRuntime();
      const histories = files
        .filter((file) => file.startsWith(group))
        .map((file) => ({ workflowId: file.replace(/\.json$/, ''), history: readHistory(file) }));
      expect(histories.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for await (const result of Worker.runReplayHistories(
        // The converter of every worker, with the suite's key: it decrypts every history.
        { workflowBundle: { codePath: requireEnv('WORKFLOW_BUNDLE_PATH') }, dataConverter: testDataConverter() },
        histories,
      )) {
        if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
      }
      expect(failures).toEqual([]);
    },
    REPLAY_GROUP_TIMEOUT_MS,
  );

  it('has the pickup and the post happy paths, and every history holds ciphertext only', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        `renewal-with-pickup-at-the-counter-pickup-happy-path-accept-pay-print-verify-hand-over${RECORDED_HISTORY_SUFFIX}`,
        `renewal-with-home-delivery-by-saudi-post-post-within-sla-dispatched-accepted-in-transit-out-for-delivery-delivered-with-otp${RECORDED_HISTORY_SUFFIX}`,
      ]),
    );
    for (const file of files) {
      const all = payloadsIn(readHistory(file));
      // The SDK core's marker bookkeeping is its own, in clear: it names no one.
      const core = all.filter(isCoreMarkerData);
      expect({
        file,
        clear: core.filter(
          (found) =>
            found.payload.data && Buffer.from(found.payload.data).toString('utf8').includes(CITIZEN.nationalId),
        ),
      }).toEqual({ file, clear: [] });
      const payloads = all.filter((found) => !isSearchAttribute(found) && !isCoreMarkerData(found));
      // At least the input, a partner call and its result; a happy path has many more.
      expect(payloads.length).toBeGreaterThan(file.includes('happy-path') || file.includes('post-within-sla') ? 20 : 2);
      expect({ file, encodings: [...new Set(payloads.map(({ payload }) => encodingOf(payload)))] }).toEqual({
        file,
        encodings: ['binary/encrypted'],
      });
    }
  });

  it('holds the national ID (decrypted) only where it goes to a partner call, in every history', async () => {
    const codec = testDataConverter().payloadCodecs![0];
    // Where the national ID may be: the workflow's input, and the partner calls that act on the person.
    const allowed =
      /^events\.\d+\.(workflowExecutionStartedEventAttributes\.input|activityTaskScheduledEventAttributes\.input|activityTaskCompletedEventAttributes\.result)\./;
    const partnerCalls = new Set([
      'lookUpCitizen',
      'issueBill',
      'checkNationalAddress',
      'submitPrintJob',
      'recordPrintedPassport',
      'dispatchShipment',
    ]);
    for (const file of files) {
      const history = readHistory(file);
      // Decrypted, the workflow's input names the citizen whose ID is looked for.
      const input = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
      const [clearInput] = await codec.decode([input]);
      const { nationalId } = JSON.parse(Buffer.from(clearInput.data!).toString('utf8'));
      expect(nationalId).toMatch(/^\d{10}$/);
      const holding: string[] = [];
      for (const found of payloadsIn(history).filter((p) => !isSearchAttribute(p) && !isCoreMarkerData(p))) {
        const [clear] = await codec.decode([found.payload]);
        if (clear.data && Buffer.from(clear.data).toString('utf8').includes(nationalId)) holding.push(found.path);
      }
      for (const path of holding) {
        expect({ file, path, allowed: allowed.test(path) }).toEqual({ file, path, allowed: true });
        const event = history.events![Number(path.split('.')[1])];
        const activity =
          event.activityTaskScheduledEventAttributes?.activityType?.name ??
          history.events!.find(
            (e) => e.eventId?.toString() === event.activityTaskCompletedEventAttributes?.scheduledEventId?.toString(),
          )?.activityTaskScheduledEventAttributes?.activityType?.name;
        if (activity)
          expect({ file, activity, partner: partnerCalls.has(activity) }).toEqual({ file, activity, partner: true });
      }
    }
  });

  it('cannot replay an encrypted history without its key: the replays above did decrypt', async () => {
    installQuietRuntime();
    const [file] = files;
    const results = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: requireEnv('WORKFLOW_BUNDLE_PATH') } },
      [{ workflowId: file, history: readHistory(file) }],
    )) {
      results.push(result);
    }
    expect(results).toHaveLength(1);
    // The worker's failure is encoded like every failure (encodeCommonAttributes), and so shown only as the start
    // of its encoded attributes: {"message":"Unknown encoding: bi...
    const message = results[0].error?.message ?? '';
    expect(message).toContain('message: "Encoded failure"');
    const encoded = /encoded_attributes: Some\(\[([A-Za-z0-9+/=]+)\.\./.exec(message)?.[1] ?? '';
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toContain('"message":"Unknown encoding: bi');
  });
});
