import { temporalTls } from '../../src/temporal/connection';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { LOSS_CLAIM_DISPUTE_WORKFLOW_TYPE, RENEWAL_WORKFLOW_TYPE, TERMINAL_STAGES } from '../../workflows/contract';
import { loadNamespaceRetentionMs } from '../infra/namespace-retention';
import { ClusterLauncher, type RunningCluster } from '../cluster/cluster';
import type { LauncherLogger } from '../launcher/logger';
import { seedPeople } from '../sandboxes/seeding';
import { chaosCitizens } from './citizens';
import { chaosEnvironment, effectiveSettings } from './environment';
import { ClientCounters, RetryingHttpClient } from './http-client';
import { Journey, type JourneyResult } from './journey';
import { ChaosMonkey, planChaos } from './monkey';
import type { ChaosOptions } from './options';
import type { ChaosReport } from './report';
import { planRenewals } from './scenarios';
import { tallyFromSandboxes } from './tally';
import { HeldTokens } from '../identity/held-tokens';
import { failuresOf } from './verdict';

/** Photo references of the run's citizens start here, after the default seed's. */
const FIRST_PHOTO_NUMBER = 100_001;
/** After the last renewal ended, webhooks still queued get this long to be delivered. */
const WEBHOOK_DRAIN_MS = 180_000;
/** After that, workflows still finishing (their last notices) get this long to end. */
const WORKFLOW_SETTLE_MS = 180_000;

/**
 * A chaos run from start to end: brings the system up as separate processes (`ClusterLauncher`,
 * with the dev server or the real cluster), seeds the run's citizens, drives every renewal through
 * the API while the monkey kills and restarts processes, then counts from the sandboxes' tables and
 * Temporal and returns the report. Everything it started is stopped before it returns or throws;
 * the launcher it hands to `onLauncher` lets a Ctrl-C stop it all early.
 */
export async function runChaos(
  options: ChaosOptions,
  logger: LauncherLogger,
  onLauncher: (launcher: ClusterLauncher) => void = () => undefined,
): Promise<ChaosReport> {
  const env = chaosEnvironment(options.env, options.ports, options.plan.policy);
  const launcher = new ClusterLauncher(
    {
      env,
      dataDir: options.dataDir,
      ports: options.ports,
      namespace: env.TEMPORAL_NAMESPACE || 'default',
      namespaceRetentionMs: loadNamespaceRetentionMs(env),
      historyShards: 4,
      workers: 2,
      temporalOnly: false,
      ui: false,
      fresh: true,
      temporal: options.mode,
    },
    logger,
  );
  onLauncher(launcher);
  let db: Client | undefined;
  let monkey: ChaosMonkey | undefined;
  try {
    const cluster = await launcher.start();
    db = new Client({ connectionString: cluster.addresses.postgres });
    // PostgreSQL stops before this client on Ctrl-C: its 'error' must not bring the run down unstopped.
    db.on('error', (error) => logger.warn(`harness database connection: ${error.message}`));
    await db.connect();
    const planned = planRenewals(options.plan.renewals, options.seed);
    const { people, citizens } = chaosCitizens(planned);
    await seedPeople(db, people, FIRST_PHOTO_NUMBER);
    logger.log(`Seeded ${people.length} citizens into the sandboxes; driving ${planned.length} renewals`);

    const apiUrls = Object.values(cluster.addresses.apiReplicas);
    const client = new ClientCounters();
    const context = {
      api: new RetryingHttpClient(apiUrls, client),
      sandboxes: new RetryingHttpClient([cluster.addresses.sandboxes!], client),
      tokens: new HeldTokens(cluster.addresses.identity!),
      deadline: 0,
    };
    const events = planChaos(options.plan, options.mode, options.arrivalWindowMs);
    monkey = new ChaosMonkey(cluster, events, logger);
    const startedAt = Date.now();
    context.deadline = startedAt + options.timeLimitMs;
    monkey.start(startedAt);

    const running = new Set<Promise<JourneyResult>>();
    const results: JourneyResult[] = [];
    const progress = setInterval(() => logger.log(progressLine(results, running.size, startedAt)), 30_000);
    try {
      for (const renewal of planned) {
        const due = startedAt + (renewal.index * options.arrivalWindowMs) / planned.length;
        while (Date.now() < due || running.size >= options.concurrency) await sleep(100);
        const journey = new Journey(context, renewal, citizens[renewal.index]).run();
        running.add(journey);
        void journey.then((result) => {
          results.push(result);
          running.delete(journey);
        });
      }
      await Promise.all(running);
    } finally {
      clearInterval(progress);
    }
    const wallMs = Math.max(...results.map((r) => r.endedAt ?? Date.now())) - startedAt;
    logger.log(progressLine(results, 0, startedAt));
    await monkey.finished();
    await monkey.stop();

    await drainWebhooks(db, logger);
    results.sort((a, b) => a.planned.index - b.planned.index);
    const tally = await tallyFromSandboxes(
      db,
      results
        .filter((r) => r.renewalId)
        .map((r) => ({
          renewalId: r.renewalId!,
          nationalId: r.nationalId,
          oldPassportNumber: citizens[r.planned.index].passportNumber,
          stage: r.stage,
        })),
    );
    const evidence = {
      journeys: results,
      tally,
      chaos: monkey.results,
      plannedChaosSteps: events.length,
      unexpectedExits: monkey.unexpectedExits,
      client,
      workflowsRunning: await settledWorkflows(cluster, logger),
    };
    return {
      ...evidence,
      options,
      settings: effectiveSettings(env),
      apiUrls,
      wallMs,
      failures: failuresOf(evidence),
    };
  } finally {
    await monkey?.stop();
    await db?.end().catch(() => undefined);
    logger.log('Stopping every process of the run');
    await launcher.stop();
  }
}

function progressLine(results: readonly JourneyResult[], inProgress: number, startedAt: number): string {
  const ended = new Map<string, number>();
  for (const result of results) {
    const key = result.stage && TERMINAL_STAGES.has(result.stage) ? result.stage : 'not ended';
    ended.set(key, (ended.get(key) ?? 0) + 1);
  }
  const summary = [...ended].map(([stage, count]) => `${stage} ${count}`).join(', ');
  return `${Math.round((Date.now() - startedAt) / 1000)} s: ${inProgress} in progress; ended: ${summary || 'none yet'}`;
}

/** Waits (bounded) until the sandboxes have no webhook left to deliver. */
async function drainWebhooks(db: Client, logger: LauncherLogger): Promise<void> {
  const deadline = Date.now() + WEBHOOK_DRAIN_MS;
  for (;;) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS pending FROM sandbox.webhook_outbox WHERE status = 'PENDING'`,
    );
    const pending = rows[0].pending as number;
    if (pending === 0 || Date.now() > deadline) return;
    logger.log(`${pending} webhooks still queued; waiting for them`);
    await sleep(5_000);
  }
}

/**
 * Waits (bounded) for the workflows to end: a renewal at its terminal stage may still be sending its last notices,
 * retried through the SMS gateway's faults. Returns how many are still running at the end of the wait.
 */
async function settledWorkflows(cluster: RunningCluster, logger: LauncherLogger): Promise<number> {
  const deadline = Date.now() + WORKFLOW_SETTLE_MS;
  for (;;) {
    const running = await runningWorkflows(cluster);
    if (running === 0 || Date.now() > deadline) return running;
    logger.log(`${running} workflows still running; waiting for them to end`);
    await sleep(5_000);
  }
}

/**
 * Renewal and loss-claim dispute workflows the server still counts as running (visibility, the same in both
 * modes): every one must have ended with its renewal. Housekeeping runs on its schedule and is not counted.
 */
async function runningWorkflows(cluster: RunningCluster): Promise<number> {
  const { temporal: address, temporalTls: tls } = cluster.addresses;
  const connection = await Connection.connect({ address, ...(tls ? { tls: temporalTls(tls) } : {}) });
  try {
    const client = new TemporalClient({ connection, namespace: cluster.addresses.namespace });
    const { count } = await client.workflow.count(
      `(WorkflowType = '${RENEWAL_WORKFLOW_TYPE}' OR WorkflowType = '${LOSS_CLAIM_DISPUTE_WORKFLOW_TYPE}') AND ExecutionStatus = 'Running'`,
    );
    return count;
  } finally {
    await connection.close();
  }
}
