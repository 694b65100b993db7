import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { NestApplicationContext } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import exitHook from 'async-exit-hook';
import { pageUrls } from '../../src/api/pages/page-urls';
import { createApp } from '../../src/api/create-app';
import { requireDatabaseUrl } from '../../src/config/database';
import { loadEmbeddedProcessConfig } from '../../src/config/processes';
import { describeError } from '../launcher/logger';
import { PID_NAMES } from '../launcher/pid-files';
import { claimDataDir, type DataDirClaim } from '../launcher/recovery';
import { openDataSource, runMigrations } from '../../src/persistence/data-source';
import { PersonalDataProtection } from '../../src/persistence/personal-data';
import { bootstrapDatabaseRoles, databaseLogins, LOGINS_FILE, loginUrl } from '../infra/database-roles';
import { startEmbeddedPostgres } from '../infra/embedded-postgres';
import { loadSandboxConfig } from '../sandboxes/config';
import { loadEmbeddedConfig } from './config';
import { openSandboxDataSource, runSandboxMigrations } from '../sandboxes/database';
import { startEmbeddedSandboxes } from '../sandboxes/embedded';
import { createSandboxes } from '../sandboxes/sandboxes';
import { registryNames } from '../sandboxes/dev-identities';
import { startIdentityProvider } from '../identity/provider';
import { identitySecrets } from '../identity/secrets';
import { ensureTemporalBinary } from '../infra/temporal-binaries';
import { startDevServer } from '../infra/temporal-dev-server';
import { developmentPayloadKeys } from '../infra/development-payload-keys';
import { integrationsFactory } from '../../src/wiring/integrations';
import { createLogger } from '../../src/telemetry/logger';
import { startTracing } from '../../src/telemetry/tracing';
import { startWorkerObservability } from '../../src/worker/observability';
import { startRenewalWorker } from '../../src/worker/worker';

/** The roles `npm start` connects as (dev/infra/database-roles.ts); the dev server keeps Temporal's data in SQLite. */
const EMBEDDED_ROLES = ['migrator', 'api', 'worker', 'sandboxes'] as const;
type EmbeddedRole = (typeof EMBEDDED_ROLES)[number];

/** What stops `npm start`: Ctrl-C, `kill`, the terminal closing. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * `npm start`: the whole system on one machine. PostgreSQL and a Temporal dev
 * server are started here unless DATABASE_URL / TEMPORAL_ADDRESS point at
 * running ones; their data lives in `.data/` and survives restarts.
 */
async function main(): Promise<void> {
  // Read once; what the embedded servers turn out to be is added to a copy, never to process.env.
  // A person reads these logs at a terminal: pretty unless LOG_FORMAT says otherwise.
  let config = loadEmbeddedProcessConfig({ LOG_FORMAT: 'pretty', ...process.env });
  // The harness's own settings: the embedded servers' folder and ports, and the partner simulator's.
  const embedded = loadEmbeddedConfig(process.env);
  const sandboxConfig = loadSandboxConfig(process.env);
  const rootLogger = createLogger(config.telemetry);
  const logger = rootLogger.child({ component: 'embedded' });
  // Off unless an OTLP collector is configured (OTEL_EXPORTER_OTLP_ENDPOINT).
  const tracing = startTracing(config.telemetry.tracing, { serviceName: 'passport-renewal' });
  // What has started, each with its stop, stopped last started first: the sandboxes (the outside world), the API
  // (not ready, draining), the worker, the pools, the Temporal dev server, PostgreSQL.
  const stops: Array<() => Promise<void>> = [];
  if (tracing) stops.push(tracing.shutdown);
  // Pid files of what this process starts, so the next start can clean up after a crash (kill -9).
  let claim: DataDirClaim | undefined;
  // The signal that asked for the stop, which the API's drain waits on (API_SHUTDOWN_GRACE_MS).
  let signal: NodeJS.Signals | undefined;
  for (const name of STOP_SIGNALS) process.once(name, () => (signal ??= name));
  let stopping: Promise<void> | undefined;
  const stopAll = (reason: string) =>
    (stopping ??= (async () => {
      logger.info(`stopping (${reason}): sandboxes, API, identity provider, worker, then the servers`);
      // Popped one by one: whatever a start still under way adds meanwhile is stopped too.
      for (let stop = stops.pop(); stop; stop = stops.pop()) {
        await stop().catch((error) => logger.error(describeError(error)));
      }
      claim?.release();
      logger.info('stopped');
    })());
  // Ctrl-C reaches this process alone: the servers it starts run in sessions of their own. async-exit-hook (which
  // embedded-postgres brings along) exits once every hook is done; the drain and the worker's take longer than its
  // default 10 s allows.
  exitHook.forceExitTimeout(60_000);
  exitHook((done) => void stopAll(signal ?? 'exit').finally(done));

  try {
    mkdirSync(embedded.dataDir, { recursive: true });
    claim = await claimDataDir(embedded.dataDir, {
      log: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    });
    // PAYLOAD_KEYS when set (and required in production); otherwise a development key kept in the data folder.
    config = { ...config, payloadKeys: config.payloadKeys ?? developmentPayloadKeys(embedded.dataDir) };
    // The dev server's own UI, allowed by the codec endpoint's CORS (it decodes with an operator's codec session).
    const uiOrigins: string[] = [];
    // With DATABASE_URL set, every part connects with it; otherwise each with a role of its own (below).
    let databaseUrls: Record<EmbeddedRole, string> | undefined;
    if (!config.databaseUrl) {
      const postgres = await startEmbeddedPostgres({
        dataDir: join(embedded.dataDir, 'postgres'),
        port: embedded.postgresPort,
        database: 'renewals',
        persistent: true,
      });
      stops.push(postgres.stop);
      claim.record(PID_NAMES.postgres, postgres.pid, 'SIGINT');
      // The superuser makes the roles and then steps aside: no part of the system runs as it.
      const logins = databaseLogins(embedded.dataDir);
      await bootstrapDatabaseRoles(postgres.url, logins, { database: 'renewals' });
      const url = (role: EmbeddedRole) => loginUrl(postgres.url, logins[role], 'renewals');
      databaseUrls = { migrator: url('migrator'), api: url('api'), worker: url('worker'), sandboxes: url('sandboxes') };
      config = { ...config, databaseUrl: databaseUrls.api };
      const roles = EMBEDDED_ROLES.map((role) => logins[role].user).join(', ');
      logger.info(`PostgreSQL (embedded) on 127.0.0.1:${embedded.postgresPort}, roles ${roles} (${LOGINS_FILE})`);
    }
    if (!config.temporal.address) {
      const temporal = await startDevServer({
        executable: ensureTemporalBinary('temporal', process.env),
        port: embedded.temporalPort,
        uiPort: embedded.temporalUiPort,
        dbFilename: join(embedded.dataDir, 'temporal.sqlite'),
        namespace: config.temporal.namespace,
        uiCodecEndpoint: `http://localhost:${config.httpPort}/codec`,
        retentionMs: embedded.namespaceRetentionMs,
      });
      const uiPort = embedded.temporalUiPort;
      uiOrigins.push(`http://localhost:${uiPort}`, `http://127.0.0.1:${uiPort}`);
      stops.push(temporal.stop);
      claim.record(PID_NAMES.temporalDevServer, temporal.pid);
      // Its own dev server is plaintext on the loopback interface: client certificates set for a cluster (the
      // Temporal CLI's TEMPORAL_TLS_* variables, which the product reads too) do not apply to it.
      if (config.temporal.tls) logger.warn('TEMPORAL_TLS_* ignored: the embedded Temporal dev server is plaintext');
      config = { ...config, temporal: { ...config.temporal, address: temporal.address, tls: undefined } };
      logger.info(`Temporal dev server on ${temporal.address}, UI ${temporal.uiUrl}`);
    }

    const databaseUrl = requireDatabaseUrl(config.databaseUrl);
    const urls = databaseUrls ?? {
      migrator: databaseUrl,
      api: databaseUrl,
      worker: databaseUrl,
      sandboxes: databaseUrl,
    };
    // With the keys, so a data folder written before national IDs were encrypted is encrypted as it is migrated.
    await runMigrations(urls.migrator, new PersonalDataProtection(config.personalDataKeys, config.api.pseudonymKey));
    // The sandboxes' schema and history, in the same database, apart from the product's.
    await runSandboxMigrations(urls.sandboxes);
    // The worker's pool; the API has its own (API_DATABASE_POOL_SIZE, as `api`), and so have the sandboxes.
    const dataSource = await openDataSource(urls.worker, config.worker.databasePoolSize, 'renewals-worker');
    stops.push(() => dataSource.destroy());
    const sandboxDb = await openSandboxDataSource(urls.sandboxes, sandboxConfig.databasePoolSize);
    stops.push(() => sandboxDb.destroy());
    // The worker stops when this process says, after the API, not on the signal itself (the SDK's default).
    const observability = await startWorkerObservability(config.telemetry, rootLogger, tracing, {
      shutdownSignals: [],
    });
    stops.push(observability.stop);
    // The sandboxes run in this process: the worker and the API are handed their adapters (a set each, as
    // separate processes would have) for every system left on INTEGRATION_<SYSTEM>_MODE=sandbox.
    const worker = await startRenewalWorker(
      config,
      dataSource,
      observability.telemetry,
      createSandboxes(sandboxConfig, sandboxDb),
    );
    stops.push(worker.shutdown);
    if (!config.oidc.issuerUrl) {
      // The sandbox identity provider (a stand-in for the national sign-on), its secrets kept in the data folder. In
      // this process, started before the API trusts it and stopped after the API has drained (stops run backwards).
      const identity = await startIdentityProvider({
        port: embedded.oidcPort,
        pagesOrigins: [`http://localhost:${config.httpPort}`, `http://127.0.0.1:${config.httpPort}`],
        secrets: identitySecrets(embedded.dataDir),
        directory: registryNames(sandboxDb),
      });
      stops.push(identity.stop);
      config = { ...config, oidc: { ...config.oidc, issuerUrl: identity.issuer } };
      logger.info(`Identity   ${identity.issuer} (sandbox sign-in provider; npm run token gets tokens from it)`);
    }

    const app = await createApp(config, {
      integrations: integrationsFactory(config.integrations, createSandboxes(sandboxConfig, sandboxDb)),
      logger: rootLogger,
      tracing: Boolean(tracing),
      codec: { uiOrigins },
    });
    await app.listen(config.httpPort);
    // Given the signal, the API says it is not ready and serves on for API_SHUTDOWN_GRACE_MS before closing.
    stops.push(() => (app as INestApplication & NestApplicationContext).close(signal));
    // The partners last: their webhooks find the API listening, and they go quiet before it drains.
    const sandboxes = await startEmbeddedSandboxes(sandboxConfig, sandboxDb);
    stops.push(sandboxes.stop);

    logger.info(`API        http://localhost:${config.httpPort}/v1/renewals`);
    logger.info(`OpenAPI    http://localhost:${config.httpPort}/docs`);
    logger.info(`Metrics    http://localhost:${config.httpPort}/metrics (API)`);
    if (observability.metricsPort)
      logger.info(`           http://localhost:${observability.metricsPort}/metrics (worker)`);
    logger.info(`Sandboxes  ${sandboxes.url}/sandbox (controls), partner APIs under ${sandboxes.url}/<system>`);
    for (const line of pageUrls(`http://localhost:${config.httpPort}`, config.pages)) logger.info(line);
    logger.info('Ready; Ctrl-C stops it all');
  } catch (error) {
    logger.error(describeError(error));
    await stopAll('start-up failed');
    process.exit(1);
  }
}

void main();
