import { join } from 'node:path';
import { type Env, integerAtLeast, readEnv, text } from '../../src/config/env';
import { PROJECT_ROOT } from '../../src/config/paths';
import { loadNamespaceRetentionMs } from '../infra/namespace-retention';

/** Every port the cluster listens on; all on 127.0.0.1. */
export interface ClusterPorts {
  postgres: number;
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  temporalWorker: number;
  temporalWorkerMembership: number;
  ui: number;
  /** The codec endpoint over https (the UI sends a person's token only to an https codec): a TLS front of the API's. */
  codec: number;
  /** The balancer in front of the API replicas: the API's one address. */
  api: number;
  /** One per API replica. */
  apiReplicas: number[];
  sandboxes: number;
  /** The sandbox identity provider (issuer http://127.0.0.1:<port>), unless OIDC_ISSUER_URL names another. */
  oidc: number;
}

export interface ClusterOptions {
  /** The environment the entry point read: the base of every child's (policy, secrets, faults reach them). */
  env: Env;
  /** PostgreSQL's cluster, logs, pid files, the rendered UI config and the workflow bundle. */
  dataDir: string;
  ports: ClusterPorts;
  namespace: string;
  /** TEMPORAL_NAMESPACE_RETENTION, set on the namespace at every start (dev/infra/namespace-retention.ts). */
  namespaceRetentionMs: number;
  historyShards: number;
  /** Worker processes of the application (API replicas follow `ports.apiReplicas`). */
  workers: number;
  /** Only PostgreSQL and the Temporal services (with namespace and search attributes): for test runs. */
  temporalOnly: boolean;
  /** With the Temporal UI server (built from the Go module proxy). */
  ui: boolean;
  /** Starts from an empty data folder: a throw-away cluster (test runs). */
  fresh: boolean;
  /**
   * `cluster`: the four Temporal services on PostgreSQL. `dev-server`: the Temporal dev server on a SQLite
   * file in the data folder instead (the chaos run's default topology; no Go build).
   */
  temporal: 'cluster' | 'dev-server';
}

/**
 * The defaults stay clear of `npm start`'s (3000, 3100, 3200, 5433, 7233, 8233), so both can run side by side.
 * Each variable below overrides one port.
 */
export const DEFAULT_PORTS: ClusterPorts = {
  postgres: 5490,
  frontend: 7300,
  frontendHttp: 7301,
  history: 7302,
  matching: 7303,
  temporalWorker: 7304,
  frontendMembership: 7310,
  historyMembership: 7311,
  matchingMembership: 7312,
  temporalWorkerMembership: 7313,
  ui: 3380,
  codec: 3381,
  api: 3300,
  apiReplicas: [3301, 3302],
  sandboxes: 3310,
  oidc: 3320,
};

/** `CLUSTER_<NAME>_PORT` for each port; API replicas are a comma-separated list. */
export const PORT_VARIABLES: Record<Exclude<keyof ClusterPorts, 'apiReplicas'>, string> = {
  postgres: 'CLUSTER_POSTGRES_PORT',
  frontend: 'CLUSTER_TEMPORAL_PORT',
  frontendHttp: 'CLUSTER_TEMPORAL_HTTP_PORT',
  frontendMembership: 'CLUSTER_FRONTEND_MEMBERSHIP_PORT',
  history: 'CLUSTER_HISTORY_PORT',
  historyMembership: 'CLUSTER_HISTORY_MEMBERSHIP_PORT',
  matching: 'CLUSTER_MATCHING_PORT',
  matchingMembership: 'CLUSTER_MATCHING_MEMBERSHIP_PORT',
  temporalWorker: 'CLUSTER_TEMPORAL_WORKER_PORT',
  temporalWorkerMembership: 'CLUSTER_TEMPORAL_WORKER_MEMBERSHIP_PORT',
  ui: 'CLUSTER_UI_PORT',
  codec: 'CLUSTER_CODEC_PORT',
  api: 'CLUSTER_API_PORT',
  sandboxes: 'CLUSTER_SANDBOX_PORT',
  oidc: 'CLUSTER_OIDC_PORT',
};

const portList = (raw: string) => {
  const ports = raw.split(',').map((part) => integerAtLeast(1)(part.trim()));
  return ports.length > 0 && ports.every((port) => port !== undefined) ? (ports as number[]) : undefined;
};

export function loadClusterOptions(env: Env): ClusterOptions {
  const ports = { ...DEFAULT_PORTS };
  for (const [key, name] of Object.entries(PORT_VARIABLES) as Array<[keyof typeof PORT_VARIABLES, string]>) {
    // Temporal keeps membership ports in a PostgreSQL smallint.
    const max = key.endsWith('Membership') ? 32_767 : 65_535;
    const port = (raw: string) => {
      const value = integerAtLeast(1)(raw);
      return value !== undefined && value <= max ? value : undefined;
    };
    ports[key] = readEnv(env, name, DEFAULT_PORTS[key], port, `a port number up to ${max}`);
  }
  ports.apiReplicas = readEnv(
    env,
    'CLUSTER_API_REPLICA_PORTS',
    DEFAULT_PORTS.apiReplicas,
    portList,
    'ports, comma-separated',
  );
  return {
    env,
    dataDir: readEnv(env, 'CLUSTER_DATA_DIR', join(PROJECT_ROOT, '.data-cluster'), text, 'a folder'),
    ports,
    namespace: readEnv(env, 'TEMPORAL_NAMESPACE', 'default', text, 'a namespace'),
    namespaceRetentionMs: loadNamespaceRetentionMs(env),
    historyShards: readEnv(env, 'CLUSTER_HISTORY_SHARDS', 4, integerAtLeast(2), 'an integer >= 2'),
    workers: readEnv(env, 'CLUSTER_WORKERS', 2, integerAtLeast(1), 'an integer >= 1'),
    temporalOnly: false,
    ui: true,
    fresh: false,
    temporal: 'cluster',
  };
}

/** Every port in use, to tell duplicates apart before anything starts. */
export function allPorts(ports: ClusterPorts): number[] {
  return Object.values(ports).flat();
}
