import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { ensureTemporalBinary } from '../../dev/infra/temporal-binaries';
import { createLogger } from '../../src/telemetry/logger';
import { createWorkerMetrics } from '../../src/telemetry/metrics';
import { AesGcmPayloadCodec } from '../../src/temporal/payload-codec';
import { renewalWorkflowId } from '../../workflows/contract';
import { eventually } from '../support/eventually';
import { SEEDED_CITIZEN } from '../support/fixtures';
import { citizenClient } from '../support/journeys';
import { TEST_PAYLOAD_KEYS } from '../support/payload-keys';
import { type ObservedStack, startStack } from '../support/stack';
import { requireEnv } from '../support/temporal-test-env';

const run = promisify(execFile);

/**
 * Encryption is the payloads' integrity check too: a signal forged in plaintext with the Temporal CLI by anyone who
 * can reach the frontend (here the dev server, which takes any caller) is refused by the worker's codec before the
 * workflow sees it. The workflow task fails with a clear (and encrypted) error, the renewal stays where it was, and
 * the worker counts it and logs one alert line that names the workflow, never the payload.
 */
describe('a forged plaintext signal', () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ logLevel: 'info', logFormat: 'json', stream: sink });
  let stack: ObservedStack;

  beforeAll(async () => {
    stack = await startStack({ sandboxes: true, observe: { logger, workerMetrics: createWorkerMetrics() } });
  }, 180_000);

  afterAll(() => stack?.stop());

  it('fails the workflow task that would apply it, changes nothing, and raises the alert', async () => {
    const citizen = await citizenClient(stack, SEEDED_CITIZEN);
    const renewalId = await citizen.startAndAccept({ method: 'PICKUP', officeId: 'RUH-01' });
    const bill = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT');
    const workflowId = renewalWorkflowId(renewalId);

    // The forger's command: the CLI's default JSON payload, no codec.
    await run(ensureTemporalBinary('temporal', process.env), [
      ...['workflow', 'signal', '--address', requireEnv('TEMPORAL_ADDRESS'), '--namespace', 'default'],
      ...['--workflow-id', workflowId, '--name', 'paymentReceived'],
      ...['--input', JSON.stringify({ billNumber: bill.billNumber, amount: 600, paidAt: new Date().toISOString() })],
    ]);

    const handle = stack.temporal.workflow.getHandle(workflowId);
    const failed = await eventually(async () => {
      const { events } = await handle.fetchHistory();
      const signalled = events!.findIndex((event) => event.workflowExecutionSignaledEventAttributes);
      const failure = events!.slice(signalled).find((event) => event.workflowTaskFailedEventAttributes)
        ?.workflowTaskFailedEventAttributes?.failure;
      return signalled < 0 ? undefined : (failure ?? undefined);
    }, 'a failed workflow task after the forged signal');
    // The failure's message is encoded like any payload (encodeCommonAttributes): clear only through the codec.
    expect(failed.message).toBe('Encoded failure');
    const [attributes] = await new AesGcmPayloadCodec(TEST_PAYLOAD_KEYS).decode([
      failed.encodedAttributes as temporal.api.common.v1.IPayload,
    ]);
    const { message } = defaultPayloadConverter.fromPayload<{ message: string }>(attributes);
    expect(message).toContain(
      `Refused a payload that is not encrypted (encoding "json/plain") in workflow ${workflowId}`,
    );

    // Nothing changed: the renewal still awaits its payment, in the workflow and in the read model.
    const status = await citizen.get(`/v1/renewals/${renewalId}/status`).expect(200);
    expect(status.body.stage).toBe('AWAITING_PAYMENT');
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // The alert: the counter and one log line naming the workflow and the encoding.
    const metrics = await (await fetch(`http://127.0.0.1:${stack.metricsServer.port}/metrics`)).text();
    expect(metrics).toMatch(/^payloads_refused_plaintext_total\{kind="workflow",role="worker"\} [1-9]\d*$/m);
    // The log line is written as the counter is counted, and reaches the test's log stream a moment later.
    const alert = await eventually(
      async () => lines.find((line) => line.alert === 'PlaintextPayloadRefused'),
      'the PlaintextPayloadRefused log line',
    );
    expect(alert).toMatchObject({ kind: 'workflow', encoding: 'json/plain', workflowId });
    expect(JSON.stringify(alert)).not.toContain(String(bill.billNumber));
  });
});
