import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { RENEWAL_TASK_QUEUE } from '../../workflows/contract';
import { startBalancer, type RunningBalancer } from '../launcher/balancer';
import { LogFiles } from '../launcher/log-files';
import type { LauncherLogger } from '../launcher/logger';
import { assertPortsFree } from '../launcher/ports';
import { claimDataDir } from '../launcher/recovery';
import { Supervisor } from '../launcher/supervisor';
import { applyNamespaceRetention } from '../infra/namespace-retention';
import { bootstrapDatabaseRoles, databaseLogins, type DatabaseLogins, loginUrl } from '../infra/database-roles';
import { developmentPayloadKeyVariables } from '../infra/development-payload-keys';
import { type RunningIdentityProvider, startIdentityProvider } from '../identity/provider';
import { identitySecrets } from '../identity/secrets';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../src/worker/worker';
import { temporalTls } from '../../src/temporal/connection';
import { apiSpec, type ApplicationEnv, migrateSpec, sandboxesSpec, workerSpec } from './application';
import { ensureTemporalServer, ensureTemporalUi, TEMPORAL_SERVER_VERSION, type TemporalServerTools } from './go-tools';
import { ensureNamespace } from './namespace';
import type { ClusterOptions } from './options';
import { APP_DATABASE, postgresSpec, postgresUrl } from './postgres';
import { setupTemporalSchema, TEMPORAL_DATABASES } from './temporal-schema';
import { DEV_SERVER_PROCESS, temporalDevServerSpec } from './temporal-dev-server';
import { TEMPORAL_SERVICES, temporalGrpcPort, temporalProcessName, temporalServiceSpec } from './temporal-services';
import { temporalUiSpec, type UiOptions } from './temporal-ui';
import { startTlsFront, type RunningTlsFront } from '../launcher/tls-front';
import { CLIENT_IDS } from '../identity/clients';
import { temporalPeopleTrust, type TemporalPeopleTrust } from './temporal-people';
import { type ClusterTls, makeClusterCertificates } from './tls';
import type { TemporalTlsConfig } from '../../src/config/temporal';
import { developmentBuildId, makeCurrentVersion, versionName } from './worker-deployment';
import { DEFAULT_DEPLOYMENT_NAME } from '../../src/config/worker-deployment';

export interface ClusterAddresses {
  postgres: string;
  temporal: string;
  /** The data folder's certificates (mutual TLS to the frontend); none on the dev server. */
  tlsDir?: string;
  /** The admin's TLS settings, for a caller of the launcher (chaos run, tests); none on the dev server. */
  temporalTls?: TemporalTlsConfig;
  namespace: string;
  temporalServices: Record<string, string>;
  ui?: string;
  /** The codec endpoint the UI calls: an https front of the API's. */
  codec?: string;
  api?: string;
  apiReplicas: Record<string, string>;
  workers: string[];
  sandboxes?: string;
  /** The OpenID provider's issuer: the launcher's sandbox provider, or OIDC_ISSUER_URL. */
  identity?: string;
  logs: string;
}

/** A running cluster; a chaos run kills and restarts its processes by name (`history`, `worker-1`, `api-2`...). */
export interface RunningCluster {
  addresses: ClusterAddresses;
  /** Names of the processes, in start order. */
  processes(): string[];
  pid(name: string): number | undefined;
  /** SIGKILL by default: the process crashes and stays down until `restart`. */
  kill(name: string, signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process if it runs and starts it again, resolving once it is ready. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

function namedPorts(options: ClusterOptions): Record<string, number> {
  const { ports } = options;
  const named: Record<string, number> =
    options.temporal === 'dev-server'
      ? { postgres: ports.postgres, 'Temporal dev server': ports.frontend }
      : {
          postgres: ports.postgres,
          'frontend gRPC': ports.frontend,
          'frontend HTTP': ports.frontendHttp,
          'frontend membership': ports.frontendMembership,
          history: ports.history,
          'history membership': ports.historyMembership,
          matching: ports.matching,
          'matching membership': ports.matchingMembership,
          'temporal worker': ports.temporalWorker,
          'temporal worker membership': ports.temporalWorkerMembership,
        };
  // The cluster's Temporal server trusts the provider's people, so the provider starts first, even with Temporal only.
  const identity = options.temporal === 'cluster' || !options.temporalOnly;
  if (identity && !options.env.OIDC_ISSUER_URL) named['identity provider'] = ports.oidc;
  if (options.temporalOnly) return named;
  Object.assign(named, { API: ports.api, sandboxes: ports.sandboxes });
  ports.apiReplicas.forEach((port, index) => (named[`api-${index + 1}`] = port));
  if (options.ui) Object.assign(named, { 'Temporal UI': ports.ui, 'codec (https)': ports.codec });
  return named;
}

/**
 * Brings up the production topology on one machine, each part its own process: PostgreSQL, Temporal's
 * frontend, history, matching and worker services (built from source at a pinned version), the UI,
 * then the application (migrations once, the sandboxes standing in for the partners, workers, API
 * replicas behind a balancer).
 * Whatever a previous run left behind in the data folder is stopped first.
 */
export async function startCluster(options: ClusterOptions, logger: LauncherLogger): Promise<RunningCluster> {
  return new ClusterLauncher(options, logger).start();
}

/** `startCluster` in two steps, for a caller that may have to stop it while it is still starting (Ctrl-C). */
export class ClusterLauncher {
  private supervisor?: Supervisor;
  private balancer?: RunningBalancer;
  private codecFront?: RunningTlsFront;
  private identity?: RunningIdentityProvider;
  private release?: () => void;

  constructor(
    private readonly options: ClusterOptions,
    private readonly logger: LauncherLogger,
  ) {}

  /** Stops whatever has started so far, the last started first; safe to call at any time, and again. */
  async stop(): Promise<void> {
    await this.codecFront?.close();
    await this.balancer?.close();
    await this.supervisor?.stopAll();
    await this.identity?.stop();
    this.identity = undefined;
    this.release?.();
  }

  async start(): Promise<RunningCluster> {
    const { options, logger } = this;
    const claim = await claimDataDir(options.dataDir, logger);
    this.release = () => claim.release();
    if (options.fresh) emptyDataDir(options.dataDir, claim.pidFiles.dir);
    const supervisor = new Supervisor(new LogFiles(join(options.dataDir, 'logs')), claim, logger);
    this.supervisor = supervisor;
    try {
      return await this.startAll(supervisor);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  private async startAll(supervisor: Supervisor): Promise<RunningCluster> {
    const { options, logger } = this;
    await assertPortsFree(namedPorts(options));
    const tools = options.temporal === 'cluster' ? await ensureTemporalServer(logger, options.env) : undefined;
    // The dev server (the chaos run's default) stays plaintext on the loopback interface; the cluster is mTLS only.
    const tls = options.temporal === 'cluster' ? await makeClusterCertificates(options.dataDir) : undefined;
    const uiBinary = options.ui && !options.temporalOnly ? await ensureTemporalUi(logger, options.env) : undefined;
    const { ports } = options;
    const temporalAddress = `127.0.0.1:${ports.frontend}`;
    const addresses: ClusterAddresses = {
      postgres: postgresUrl(ports.postgres, APP_DATABASE),
      temporal: temporalAddress,
      namespace: options.namespace,
      temporalServices: {},
      tlsDir: tls?.dir,
      temporalTls: tls?.client('temporal-admin'),
      apiReplicas: {},
      workers: [],
      logs: supervisor.logs.dir,
    };

    logger.log(`Starting PostgreSQL on 127.0.0.1:${ports.postgres}`);
    await supervisor.start(await postgresSpec(options.dataDir, ports.postgres));
    // Its superuser makes every process a role of its own, and the databases theirs; no process runs as it.
    const logins = databaseLogins(options.dataDir);
    await bootstrapDatabaseRoles(addresses.postgres, logins, {
      database: APP_DATABASE,
      temporalDatabases: options.temporal === 'cluster' ? TEMPORAL_DATABASES.map(({ database }) => database) : [],
    });
    if (options.temporal === 'dev-server') {
      logger.log(`Starting the Temporal dev server on ${temporalAddress}`);
      await supervisor.start(temporalDevServerSpec(options));
      await withConnection(temporalAddress, (connection) =>
        applyNamespaceRetention(connection, options.namespace, options.namespaceRetentionMs),
      );
      addresses.temporalServices[DEV_SERVER_PROCESS] = `${temporalAddress} (dev server, SQLite in the data folder)`;
    } else {
      // Before the frontend: the server reads the provider's keys when it starts (and every minute after).
      addresses.identity = await this.identityIssuer();
      const people = await temporalPeopleTrust(addresses.identity, options.env);
      await this.startTemporalServices(supervisor, tools!, tls!, addresses, logins, people);
    }
    if (!options.temporalOnly) await this.startApplication(supervisor, addresses, logins, tls, uiBinary);
    return {
      addresses,
      processes: () => supervisor.names(),
      pid: (name) => supervisor.pid(name),
      kill: (name, signal) => supervisor.kill(name, signal),
      restart: (name) => supervisor.restart(name),
      stop: () => this.stop(),
    };
  }

  private async startTemporalServices(
    supervisor: Supervisor,
    tools: TemporalServerTools,
    tls: ClusterTls,
    addresses: ClusterAddresses,
    logins: DatabaseLogins,
    people: TemporalPeopleTrust,
  ) {
    const { options, logger } = this;
    const { ports } = options;
    await setupTemporalSchema(supervisor, tools, ports.postgres, logins.temporal);
    for (const service of TEMPORAL_SERVICES) {
      logger.log(`Starting Temporal ${service} service`);
      await supervisor.start(temporalServiceSpec(service, tools, options, logins.temporal, tls, people));
      // The worker service serves no gRPC: peers reach it through its membership port.
      addresses.temporalServices[temporalProcessName(service)] =
        service === 'worker'
          ? `127.0.0.1:${ports.temporalWorkerMembership} (membership)`
          : `127.0.0.1:${temporalGrpcPort(service, ports)}`;
    }
    await ensureNamespace(
      addresses.temporal,
      options.namespace,
      options.namespaceRetentionMs,
      tls.client('temporal-admin'),
    );
    logger.log(`Temporal ${TEMPORAL_SERVER_VERSION} serving on ${addresses.temporal}, namespace ${options.namespace}`);
  }

  private async startApplication(
    supervisor: Supervisor,
    addresses: ClusterAddresses,
    logins: DatabaseLogins,
    tls: ClusterTls | undefined,
    uiBinary?: string,
  ) {
    const { options, logger } = this;
    const { ports } = options;
    const databaseUrl = (role: keyof ApplicationEnv['databaseUrls']) =>
      loginUrl(addresses.postgres, logins[role], APP_DATABASE);
    // A bundle given with WORKFLOW_BUNDLE_PATH (the test suite's, built from the same source) is used as it is.
    const prebuiltBundle = options.env.WORKFLOW_BUNDLE_PATH;
    const workflowBundlePath = prebuiltBundle || join(options.dataDir, 'workflow-bundle.js');
    const oidcIssuerUrl = addresses.identity ?? (await this.identityIssuer());
    addresses.identity = oidcIssuerUrl;
    const app: ApplicationEnv = {
      base: options.env,
      payloadKeys: options.env.PAYLOAD_KEYS
        ? { PAYLOAD_KEYS: options.env.PAYLOAD_KEYS, PAYLOAD_KEY_CURRENT: options.env.PAYLOAD_KEY_CURRENT }
        : developmentPayloadKeyVariables(options.dataDir),
      codecCorsOrigins: options.ui ? [`http://127.0.0.1:${ports.ui}`, `http://localhost:${ports.ui}`] : [],
      databaseUrls: {
        migrator: databaseUrl('migrator'),
        api: databaseUrl('api'),
        worker: databaseUrl('worker'),
        sandboxes: databaseUrl('sandboxes'),
      },
      temporalAddress: addresses.temporal,
      temporalTls: tls,
      namespace: options.namespace,
      taskQueue: options.env.TEMPORAL_TASK_QUEUE || RENEWAL_TASK_QUEUE,
      workflowBundlePath,
      webhookBaseUrl: `http://127.0.0.1:${ports.api}`,
      sandboxesUrl: `http://127.0.0.1:${ports.sandboxes}`,
      oidcIssuerUrl,
      workerVersion: {
        deploymentName: options.env.TEMPORAL_DEPLOYMENT_NAME || DEFAULT_DEPLOYMENT_NAME,
        buildId: options.env.TEMPORAL_BUILD_ID || developmentBuildId(),
      },
    };
    logger.log('Applying migrations and bundling the workflows');
    const [bundle] = await Promise.all([
      prebuiltBundle
        ? undefined
        : bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: new DefaultLogger('WARN') }),
      supervisor.run(migrateSpec(app)),
    ]);
    if (bundle) writeFileSync(workflowBundlePath, bundle.code);
    // The partners first: the workers and the API call them over HTTP from their first task.
    logger.log('Starting the sandboxes');
    await supervisor.start(sandboxesSpec(app, ports.sandboxes));
    addresses.sandboxes = app.sandboxesUrl;
    for (let index = 1; index <= options.workers; index += 1) {
      logger.log(`Starting worker-${index}`);
      await supervisor.start(workerSpec(app, `worker-${index}`));
      addresses.workers.push(`worker-${index}`);
    }
    // Versioned workers take no task until their version is current: what a deployment's first rollout does.
    await this.makeCurrent(app);
    for (const [index, port] of ports.apiReplicas.entries()) {
      logger.log(`Starting api-${index + 1}`);
      await supervisor.start(apiSpec(app, `api-${index + 1}`, port));
      addresses.apiReplicas[`api-${index + 1}`] = `http://127.0.0.1:${port}`;
    }
    this.balancer = await startBalancer(ports.api, ports.apiReplicas);
    addresses.api = this.balancer.url;
    if (uiBinary) {
      // TLS ends in the launcher, as at a production ingress: the API keeps one plain listener and no key. The dev
      // server's topology (chaos) has no certificates and no people in Temporal: its UI signs nobody in.
      if (tls) {
        this.codecFront = await startTlsFront({
          port: ports.codec,
          targetPort: ports.api,
          certPath: join(tls.dir, 'codec.pem'),
          keyPath: join(tls.dir, 'codec.key'),
        });
      }
      addresses.codec = `${(this.codecFront ?? this.balancer).url}/codec`;
      logger.log('Starting the Temporal UI');
      await supervisor.start(
        temporalUiSpec({
          binary: uiBinary,
          dataDir: options.dataDir,
          port: ports.ui,
          temporalAddress: addresses.temporal,
          temporalTls: tls?.client('temporal-ui'),
          namespace: options.namespace,
          codecEndpoint: addresses.codec,
          signIn: tls ? this.uiSignIn(oidcIssuerUrl) : undefined,
        }),
      );
      addresses.ui = `http://127.0.0.1:${ports.ui}`;
    }
  }

  /**
   * The UI's client at the provider: the sandbox provider's `temporal-ui`, or the one TEMPORAL_UI_CLIENT_ID and
   * TEMPORAL_UI_CLIENT_SECRET name at the user's provider (without them the UI signs nobody in there).
   */
  private uiSignIn(issuer: string): UiOptions['signIn'] {
    const { env, dataDir } = this.options;
    if (!env.OIDC_ISSUER_URL) {
      return { issuer, clientId: CLIENT_IDS.temporalUi, clientSecret: identitySecrets(dataDir).temporalUiSecret };
    }
    if (env.TEMPORAL_UI_CLIENT_ID && env.TEMPORAL_UI_CLIENT_SECRET) {
      return { issuer, clientId: env.TEMPORAL_UI_CLIENT_ID, clientSecret: env.TEMPORAL_UI_CLIENT_SECRET };
    }
    return undefined;
  }

  /** The provider the user named (OIDC_ISSUER_URL), or the sandbox one, started once. */
  private async identityIssuer(): Promise<string> {
    return this.options.env.OIDC_ISSUER_URL || (this.identity ?? (await this.startIdentity())).issuer;
  }

  /**
   * The sandbox identity provider, in this process (a chaos run's restarts of the API leave it be): the pages
   * behind the balancer sign in there, and the Temporal UI server has its confidential client (`temporal-ui`,
   * secret in the data folder's identity-secrets.json, called back at /auth/sso/callback).
   */
  private async startIdentity(): Promise<RunningIdentityProvider> {
    const { ports } = this.options;
    const ui = [`http://127.0.0.1:${ports.ui}`, `http://localhost:${ports.ui}`];
    this.logger.log(`Starting the sandbox identity provider on 127.0.0.1:${ports.oidc}`);
    this.identity = await startIdentityProvider({
      port: ports.oidc,
      pagesOrigins: [`http://127.0.0.1:${ports.api}`, `http://localhost:${ports.api}`],
      secrets: identitySecrets(this.options.dataDir),
      temporalUi: {
        redirectUris: ui.map((origin) => `${origin}/auth/sso/callback`),
        postLogoutRedirectUris: ui.map((origin) => `${origin}/`),
      },
    });
    return this.identity;
  }

  /** As an admin: making a version current is an operator's act (docs/operations.md, "Worker versions"). */
  private async makeCurrent(app: ApplicationEnv): Promise<void> {
    const tls = app.temporalTls?.client('temporal-admin');
    const connection = await Connection.connect({
      address: app.temporalAddress,
      ...(tls ? { tls: temporalTls(tls) } : {}),
    });
    try {
      await makeCurrentVersion(connection.workflowService, app.namespace, app.workerVersion);
      this.logger.log(`Worker version ${versionName(app.workerVersion)} is current`);
    } finally {
      await connection.close();
    }
  }
}

async function withConnection<T>(address: string, work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

/** Everything but the pid files, which hold the claim this launcher just made. */
function emptyDataDir(dataDir: string, keep: string): void {
  for (const entry of readdirSync(dataDir)) {
    const path = join(dataDir, entry);
    if (path !== keep) rmSync(path, { recursive: true, force: true });
  }
}
