import 'reflect-metadata';
import { parseArgs } from 'node:util';
import exitHook from 'async-exit-hook';
import type { ClusterLauncher } from '../cluster/cluster';
import { consoleLogger, print } from '../launcher/console-logger';
import { describeError } from '../launcher/logger';
import { freeChaosPorts, FULL_PLAN, loadChaosOptions, SMALL_PLAN } from './options';
import { formatReport } from './report';
import { runChaos } from './run';

const USAGE = `npm run chaos [-- options]

Brings the system up as separate processes (embedded PostgreSQL, the Temporal dev server on SQLite, two
workers, two APIs, the partner sandboxes with faults), drives renewals over HTTP while it SIGKILLs workers
and restarts Temporal and the APIs, then prints what happened, counted from the sandboxes' own tables.
Exits 0 only if every renewal ended within the time limit with no duplicate and no webhook given up.

  --cluster         on npm run cluster's Temporal cluster on PostgreSQL, also killing history and matching
  --small           40 renewals, 3 worker kills, one restart of Temporal and of each API (the npm test size)
  --renewals N      how many renewals (default 500)
  --free-ports      free ports of 4000–4999 instead of CHAOS_BASE_PORT (4400) and the 80 above it

Environment: CHAOS_BASE_PORT, CHAOS_DATA_DIR, CHAOS_SEED, CHAOS_CONCURRENCY, CHAOS_ARRIVAL_WINDOW_MINUTES,
CHAOS_TIME_LIMIT_MINUTES; any SANDBOX_* or POLICY_* variable overrides the run's fault and policy settings.`;

const logger = consoleLogger('chaos');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cluster: { type: 'boolean', default: false },
      small: { type: 'boolean', default: false },
      renewals: { type: 'string' },
      'free-ports': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    print(USAGE);
    return;
  }
  const plan = { ...(values.small ? SMALL_PLAN : FULL_PLAN) };
  if (values.renewals) {
    plan.renewals = Number(values.renewals);
    if (!Number.isInteger(plan.renewals) || plan.renewals < 1) throw new Error('--renewals takes a whole number');
  }
  const options = loadChaosOptions(process.env, values.cluster ? 'cluster' : 'dev-server', plan);
  if (values['free-ports']) options.ports = await freeChaosPorts(options.ports);

  // Ctrl-C or SIGTERM: stop every process of the run before exiting.
  let launcher: ClusterLauncher | undefined;
  let finished = false;
  exitHook.forceExitTimeout(120_000);
  // On process.exit the hook runs synchronously and gets no callback.
  exitHook((done?: () => void) => {
    if (finished) return done?.();
    logger.log('Interrupted: stopping every process of the run');
    void (launcher?.stop() ?? Promise.resolve()).finally(() => done?.());
  });
  const report = await runChaos(options, logger, (started) => (launcher = started));
  finished = true;
  print(`\n${formatReport(report)}`);
  process.exit(report.failures.length === 0 ? 0 : 1);
}

main().catch((error) => {
  // runChaos has stopped what it started before it threw.
  logger.error(describeError(error));
  process.exit(1);
});
