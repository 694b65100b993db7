import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEEDED_CITIZEN } from '../support/fixtures';
import { startTracing, type Tracing } from '../../src/telemetry/tracing';
import { TRACING_WORKFLOW_INTERCEPTOR_MODULES } from '../../src/worker/tracing';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../src/worker/worker';
import { testDataConverter } from '../support/payload-keys';
import { eventually } from '../support/eventually';
import { sandboxJourneys } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';

/**
 * OpenTelemetry from the API request through the workflow to the activity and
 * the partner call it makes, with an in-memory exporter: the citizen's
 * acceptance is one trace that runs on to the SADAD bill it causes. The
 * traced workflow bundle (the SDK's interceptors and ours) also replays every
 * recorded history, so turning tracing on never breaks a running renewal.
 */
describe('tracing a renewal', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let stack: SandboxStack;
  let bundlePath: string;

  beforeAll(async () => {
    tracing = startTracing(
      { enabled: false },
      { serviceName: 'passport-renewal-test', processor: new SimpleSpanProcessor(exporter) },
    )!;
    const bundle = await bundleWorkflowCode({
      ...WORKFLOW_BUNDLE_OPTIONS,
      workflowInterceptorModules: TRACING_WORKFLOW_INTERCEPTOR_MODULES,
      logger: new DefaultLogger('WARN'),
    });
    bundlePath = join(mkdtempSync(join(tmpdir(), 'traced-bundle-')), 'workflow-bundle.js');
    writeFileSync(bundlePath, bundle.code);
    stack = await startStack({
      sandboxes: true,
      env: { WORKFLOW_BUNDLE_PATH: bundlePath },
      api: { tracing: true },
      workerTelemetry: { tracing },
    });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await tracing?.shutdown();
  });

  it('follows POST /v1/renewals/:id/acceptance through the update to the issueBill activity and its SADAD call', async () => {
    const person = SEEDED_CITIZEN;
    await sandboxJourneys(stack).renewAndPay(person, { method: 'PICKUP', officeId: 'RUH-01' });

    const request = await eventually(
      async () => exporter.getFinishedSpans().find((span) => span.name === 'POST /v1/renewals/:renewalId/acceptance'),
      'the acceptance request span',
    );
    const traceId = request.spanContext().traceId;
    const inTrace = () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const trace = await eventually(
      async () => (inTrace().some((span) => span.name === 'partner:sadad.issueBill') ? inTrace() : undefined),
      'the SADAD call in the acceptance trace',
    );
    console.log(`one trace (${traceId}):\n${tree(trace)}`);

    const named = (name: string) => {
      const found = trace.filter((span) => span.name === name);
      expect({ name, count: found.length }).toEqual({ name, count: 1 });
      return found[0];
    };
    const parentOf = (span: ReadableSpan) => trace.find((other) => other.spanContext().spanId === span.parentSpanId);
    const update = named('StartWorkflowUpdate:acceptTerms');
    const startBill = named('StartActivity:issueBill');
    const runBill = named('RunActivity:issueBill');
    const sadad = named('partner:sadad.issueBill');
    expect(parentOf(update)).toBe(request);
    expect(parentOf(named('HandleUpdate:acceptTerms'))).toBe(update);
    expect(parentOf(startBill)).toBe(update);
    expect(parentOf(runBill)).toBe(startBill);
    expect(parentOf(sadad)).toBe(runBill);
    expect(request.attributes).toMatchObject({ 'http.route': '/v1/renewals/:renewalId/acceptance' });
    expect(sadad.attributes).toMatchObject({ 'partner.system': 'sadad', 'partner.operation': 'issueBill' });
    // Spans leave the process in clear: names and attributes hold ids, never the citizen's data.
    const exported = JSON.stringify(trace.map(({ name, attributes }) => ({ name, attributes })));
    for (const secret of [person.nationalId, person.nameEn, person.mobile]) expect(exported).not.toContain(secret);
  });

  it('replays every recorded history with the traced workflow bundle', async () => {
    const dir = join(__dirname, '..', 'replay', 'histories');
    const histories = readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => ({
        workflowId: file,
        history: historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8'))),
      }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      {
        workflowBundle: { codePath: bundlePath },
        dataConverter: testDataConverter(),
        // As a traced worker has it; replay records no spans.
        sinks: { exporter: makeWorkflowExporter(tracing.processor, tracing.resource) },
      },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(histories.length).toBeGreaterThanOrEqual(30);
    expect(failures).toEqual([]);
  });
});

/** The trace as an indented tree of span names, for the report. */
function tree(spans: ReadableSpan[]): string {
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  const lines: string[] = [];
  const visit = (span: ReadableSpan, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${span.name}`);
    const children = spans.filter((child) => child.parentSpanId === span.spanContext().spanId);
    children.sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    for (const child of children) visit(child, depth + 1);
  };
  for (const root of spans.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId))) visit(root, 0);
  return lines.join('\n');
}
