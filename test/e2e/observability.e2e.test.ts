import { Writable } from 'node:stream';
import request from 'supertest';
import { SEEDED_CITIZEN } from '../support/fixtures';
import { createLogger } from '../../src/telemetry/logger';
import { createApiMetrics, createWorkerMetrics } from '../../src/telemetry/metrics';
import { RENEWAL_WORKFLOW_TYPE, renewalWorkflowId } from '../../workflows/contract';
import { sandboxJourneys } from '../support/journeys';
import { personalDataInLogs } from '../support/personal-data';
import { type ObservedStack, startStack } from '../support/stack';

/**
 * What an operator sees of a renewal outside the Temporal UI: the log lines of
 * the API and the worker (the Temporal SDK, workflows and activities included),
 * which name the renewal and never the citizen, and the metrics both serve.
 * One pickup renewal with a counter mismatch runs through the real API, worker
 * and partner sandboxes, on a database of its own, so every count is exact.
 */
describe('logs and metrics of a renewal', () => {
  const lines: Array<Record<string, unknown>> = [];
  const capture = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  // Debug: the SDK logs each activity's start and completion there, the lines most likely to carry data.
  const logger = createLogger({ logLevel: 'debug', logFormat: 'json', stream: capture });
  const apiMetrics = createApiMetrics();
  const workerMetrics = createWorkerMetrics();
  let stack: ObservedStack;
  const person = SEEDED_CITIZEN;
  let renewalId: string;

  beforeAll(async () => {
    stack = await startStack({
      sandboxes: true,
      env: { SANDBOX_PRINT_CENTRE_DELAY_MS: '200' },
      observe: { logger, apiMetrics, workerMetrics },
    });
    renewalId = await sandboxJourneys(stack).pickupRenewal(person, { wrongPassportFirst: true });
  }, 180_000);

  afterAll(() => stack?.stop());

  it('names the renewal on every line about it, from the API and the worker, and the citizen on none', () => {
    const workflowId = renewalWorkflowId(renewalId);
    const about = lines.filter((line) => JSON.stringify(line).includes(renewalId));
    const fromWorker = about.filter((line) => line.component === 'temporal');
    const fromApi = about.filter((line) => line.req !== undefined);
    console.log(
      `${lines.length} log lines, ${about.length} about the renewal ` +
        `(${fromApi.length} API requests, ${fromWorker.length} from the worker: ` +
        `${[...new Set(fromWorker.map((line) => line.msg))].join(', ')})`,
    );
    expect(fromApi.length).toBeGreaterThanOrEqual(5);
    expect(fromWorker.length).toBeGreaterThanOrEqual(10);
    expect(about.filter((line) => line.renewalId !== renewalId || line.workflowId !== workflowId)).toEqual([]);

    expect(personalDataInLogs(person, lines)).toEqual([]);
    expect(JSON.stringify(lines)).not.toContain('Bearer');
  });

  it('serves the business and Temporal SDK metrics at the worker’s /metrics', async () => {
    const text = (await request(`http://127.0.0.1:${stack.metricsServer.port}`).get('/metrics').expect(200)).text;
    console.log(metricLines(text, /^(temporal_workflow_completed|partner_call_failures_total|renewal_)/));
    const renewalsCompleted = value(text, 'temporal_workflow_completed', { workflow_type: RENEWAL_WORKFLOW_TYPE });
    expect(renewalsCompleted).toBeGreaterThanOrEqual(1);
    expect(value(text, 'temporal_worker_task_slots_available', { worker_type: 'ActivityWorker' })).toBeGreaterThan(0);
    expect(
      value(text, 'partner_call_duration_seconds_count', { system: 'sadad', operation: 'issueBill', outcome: 'ok' }),
    ).toBe(1);
    // Each stage left is timed from where the projection found the renewal before moving it: one renewal, once each.
    for (const stage of [
      'ELIGIBILITY_CHECK',
      'AWAITING_ACCEPTANCE',
      'AWAITING_PAYMENT',
      'PRINTING',
      'READY_FOR_PICKUP',
    ]) {
      expect(value(text, 'renewal_stage_duration_seconds_count', { stage })).toBe(1);
    }
    expect(value(text, 'renewal_stage_entered_total', { stage: 'COMPLETED' })).toBe(1);
  });

  it('serves request durations by route, renewals by stage and counter mismatches at the API’s /metrics', async () => {
    const text = (await request(stack.http).get('/metrics').expect(200)).text;
    console.log(metricLines(text, /^(renewals_by_stage|renewal_counter_mismatches_total)/));
    expect(value(text, 'renewals_by_stage', { stage: 'COMPLETED' })).toBe(1);
    expect(value(text, 'renewals_by_stage', { stage: 'PRINTING' })).toBe(0);
    expect(value(text, 'renewal_counter_mismatches_total', { office: 'RUH-01' })).toBe(1);
    const route = { method: 'POST', route: '/v1/renewals/:renewalId/acceptance', status_code: '200' };
    expect(value(text, 'http_request_duration_seconds_count', route)).toBe(1);
    expect(text).not.toContain(renewalId);
  });
});

/** The sample of `name` whose labels include `labels` (Prometheus text format). */
function value(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

function metricLines(text: string, pattern: RegExp): string {
  return text
    .split('\n')
    .filter((line) => pattern.test(line) && !/_bucket\{/.test(line))
    .join('\n');
}
