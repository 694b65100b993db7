import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { requirePayloadKeys } from '../../src/config/payload-keys';
import { loadSlices } from '../../src/config/slices';
import { connectTemporalClient } from '../../src/temporal/connection';
import { createDataConverter } from '../../src/temporal/data-converter';
import { TRACING_WORKFLOW_INTERCEPTOR_MODULES } from '../../src/worker/tracing';
import { WORKFLOWS_PATH } from '../../src/worker/worker';
import { print } from '../launcher/console-logger';
import { runReplayGate } from './replay-gate';

const USAGE = `npm run deploy:check -- --address HOST:PORT --namespace NAMESPACE [options]

The replay gate before a deployment (docs/operations.md, "Worker versions"): downloads the histories of the
running renewals and of those closed recently from a live Temporal, decrypts them with the payload keys the
workers read (PAYLOAD_KEYS, PAYLOAD_KEY_CURRENT), and replays them against the workflow code of the build to
deploy, bundled as the worker bundles it (with the tracing interceptors when OTEL_EXPORTER_OTLP_ENDPOINT says the
workers are traced). Exits 1 naming the first renewal that build could not continue, 0 when all replay.

  --address HOST:PORT   the Temporal frontend (default TEMPORAL_ADDRESS)
  --namespace NAME      (default TEMPORAL_NAMESPACE, else default)
  --task-queue NAME     only renewals of this task queue (default: every renewal of the namespace)
  --bundle FILE         the build's prebuilt workflow bundle (default: bundle workflows/ of this checkout)
  --workflows-path DIR  bundle these workflows instead
  --since DAYS          closed renewals this many days back are replayed too (default 7)
  --limit N             at most N histories, running ones first (default 1000)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      address: { type: 'string' },
      namespace: { type: 'string' },
      'task-queue': { type: 'string' },
      bundle: { type: 'string' },
      'workflows-path': { type: 'string' },
      since: { type: 'string', default: '7' },
      limit: { type: 'string', default: '1000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const since = Number(values.since);
  const limit = Number(values.limit);
  if (!(since >= 0) || !Number.isInteger(limit) || limit < 1) throw new Error(`Bad --since or --limit\n\n${USAGE}`);
  const env = {
    ...process.env,
    ...(values.address && { TEMPORAL_ADDRESS: values.address }),
    ...(values.namespace && { TEMPORAL_NAMESPACE: values.namespace }),
  };
  // The worker's own slices: the connection and the payload keys are read exactly as a worker reads them.
  const config = loadSlices(env, ['temporal', 'payloadKeys', 'telemetry']);
  const dataConverter = createDataConverter(requirePayloadKeys(config.payloadKeys));
  const client = await connectTemporalClient(config.temporal, dataConverter);
  try {
    const result = await runReplayGate({
      client,
      dataConverter,
      workflows: values.bundle
        ? { bundlePath: values.bundle }
        : {
            workflowsPath: values['workflows-path'] ?? WORKFLOWS_PATH,
            // A traced worker (OTEL_EXPORTER_OTLP_ENDPOINT) runs the tracing interceptors in its workflow bundle.
            interceptorModules: config.telemetry.tracing.enabled ? TRACING_WORKFLOW_INTERCEPTOR_MODULES : undefined,
          },
      closedSince: new Date(Date.now() - since * 24 * 3600_000),
      limit,
      taskQueue: values['task-queue'],
      log: print,
    });
    const counted = `${result.replayed} renewal histories (${result.running} running, ${result.closed} closed)`;
    if (result.failure) {
      console.error(
        `deploy:check FAILED: renewal ${result.failure.workflowId} cannot continue on this build ` +
          `(replayed ${counted}):\n  ${result.failure.message}`,
      );
      return 1;
    }
    print(`deploy:check passed: ${counted} replay on this build`);
    return 0;
  } finally {
    await client.connection.close();
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
