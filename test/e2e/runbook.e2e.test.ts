import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { decodeUserMetadata } from '@temporalio/common/lib/internal-non-workflow';
import { PROJECT_ROOT } from '../../src/config/paths';
import { SEEDED_CITIZEN } from '../support/fixtures';
import { createLogger } from '../../src/telemetry/logger';
import { createApiMetrics, createWorkerMetrics } from '../../src/telemetry/metrics';
import { renewalWorkflowId } from '../../workflows/contract';
import { citizenClient, sandboxJourneys } from '../support/journeys';
import { personalDataOf } from '../support/personal-data';
import { type ObservedStack, startStack } from '../support/stack';
import { ensureBuilt, runBash } from '../support/shell';
import { requireEnv } from '../support/temporal-test-env';

/** Every ```sh block of the runbook, in order: the test runs them as one session, as an operator would. */
function runbookBlocks(): string[] {
  const runbook = readFileSync(join(PROJECT_ROOT, 'docs', 'runbook.md'), 'utf8');
  return [...runbook.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/**
 * docs/runbook.md cannot go stale: with a renewal waiting at the counter (its
 * worker serving /metrics), every command in it runs as written and finds that
 * renewal; and the Temporal UI's view of it (summary, details, current details,
 * activity summaries) reads as a renewal and holds no personal data.
 */
describe('docs/runbook.md', () => {
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const logger = createLogger({ logLevel: 'warn', logFormat: 'json', stream: quiet });
  const person = SEEDED_CITIZEN;
  let stack: ObservedStack;
  let renewalId: string;

  beforeAll(async () => {
    ensureBuilt();
    stack = await startStack({
      sandboxes: true,
      env: { SANDBOX_PRINT_CENTRE_DELAY_MS: '200' },
      observe: { logger, apiMetrics: createApiMetrics(), workerMetrics: createWorkerMetrics() },
    });
    renewalId = await sandboxJourneys(stack).renewAndPay(person, { method: 'PICKUP', officeId: 'RUH-01' });
    const citizen = await citizenClient(stack, person);
    await citizen.waitForStage(renewalId, 'READY_FOR_PICKUP');
  }, 180_000);

  afterAll(() => stack?.stop());

  it("gives the Temporal UI the renewal's summary, details, current details and activity summaries", async () => {
    const handle = stack.temporal.workflow.getHandle(renewalWorkflowId(renewalId));
    const description = await handle.describe();
    const summary = await description.staticSummary();
    const details = await description.staticDetails();
    expect(summary).toBe('Passport renewal, office RUH-01');
    expect(details).toContain(`**Renewal** ${renewalId}`);
    // What the UI asks for the page header: the built-in metadata query.
    const metadata: { currentDetails: string } = await handle.query('__temporal_workflow_metadata');
    // Times for a person: Riyadh's, to the minute, saying so (test/web/temporal-ui-runbook.test.ts reads them in the UI).
    expect(metadata.currentDetails).toMatch(
      /^\*\*Stage\*\* READY_FOR_PICKUP since \d{4}-\d\d-\d\d \d\d:\d\d Riyadh \(UTC\+3\)/,
    );
    expect(metadata.currentDetails).toMatch(/\*\*Deadline\*\* \d{4}-\d\d-\d\d \d\d:\d\d Riyadh \(UTC\+3\)/);
    expect(metadata.currentDetails).toContain('**Waiting for** the citizen to collect the passport at the counter');
    expect(metadata.currentDetails).toContain('**Delivery** PICKUP, office RUH-01');

    const converter = stack.temporal.options.loadedDataConverter;
    const activitySummaries: string[] = [];
    for (const event of (await handle.fetchHistory()).events ?? []) {
      if (!event.activityTaskScheduledEventAttributes) continue;
      const { staticSummary } = await decodeUserMetadata(converter, event.userMetadata);
      activitySummaries.push(`${event.activityTaskScheduledEventAttributes.activityType?.name}: ${staticSummary}`);
    }
    expect(activitySummaries).toEqual(
      expect.arrayContaining([
        'lookUpCitizen: Civil registry: look up the citizen',
        'issueBill: SADAD: issue the renewal fee bill',
        'submitPrintJob: Print centre: submit the print job',
      ]),
    );
    // The times' zone label is the product's fixed text; the seeded citizen happens to live in that city, so the
    // label (and only the label) is left out of the scan: the city anywhere else would still be found.
    const shown = [summary, details, metadata.currentDetails, ...activitySummaries]
      .join('\n')
      .replaceAll(' Riyadh (UTC+3)', ' <zone>');
    // (Parts shorter than 6 characters, like a building number, could occur in an id by chance.)
    for (const value of personalDataOf(person).filter((part) => part.length >= 6)) expect(shown).not.toContain(value);
  });

  it('runs every command as written, and they find the renewal', async () => {
    const blocks = runbookBlocks();
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    const env = {
      ...process.env,
      PORT: new URL(stack.baseUrl).port,
      EMBEDDED_TEMPORAL_PORT: requireEnv('TEMPORAL_ADDRESS').split(':').at(-1),
      WORKER_METRICS_PORT: String(stack.metricsServer.port),
      RENEWAL_ID: renewalId,
      DATABASE_URL: stack.config.databaseUrl,
    };
    const { code, output } = await runBash(blocks.join('\n'), env);
    if (code !== 0) console.log(output);
    expect(code).toBe(0);
    // Found by id: its audit trail, and its workflow described and shown decoded.
    expect(output).toContain('"action":"stage.entered","outcome":"READY_FOR_PICKUP"');
    expect(output).toContain(`passport-renewal-${renewalId}`);
    expect(output).toMatch(/"status": "WORKFLOW_EXECUTION_STATUS_RUNNING"/);
    expect(output).toContain('RUH-01');
    expect(output).not.toContain('binary/encrypted');
    // The lists answered (JSON pages), the key rotation printed its variables, the metrics named the stage.
    expect(output).toMatch(/"items":\[/);
    expect(output).toMatch(/^PAYLOAD_KEY_CURRENT=\d{8}$/m);
    // The personal-data rotation ran (one key in this stack: nothing to re-encrypt) and said what each key holds.
    expect(output).toMatch(/^Done: 0 re-encrypted\. Values per key id: \{"renewals":\{"test-only-pd-a":1\}/m);
    expect(output).toMatch(/^renewals_by_stage\{stage="READY_FOR_PICKUP",role="api"\} 1$/m);
    expect(output).toMatch(/^renewal_stage_entered_total\{stage="READY_FOR_PICKUP",role="worker"\} 1$/m);
    expect(output).toMatch(/^temporal_worker_task_slots_available\{/m);
  });
});
