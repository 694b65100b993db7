import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';
import type { ProcessSpec } from '../launcher/supervisor';
import { tcpListening, temporalServing } from '../launcher/readiness';
import type { TemporalServerTools } from './go-tools';
import type { ClusterOptions } from './options';
import type { Login } from '../infra/database-roles';
import type { ClusterTls } from './tls';
import type { TemporalPeopleTrust } from './temporal-people';

/** The server's configuration, shared with docker-compose.yml (which mounts deploy/temporal). */
export const TEMPORAL_CONFIG_DIR = join(PROJECT_ROOT, 'deploy', 'temporal');

/** Temporal's four services, each run as its own process, in the order they start. */
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

/** The process names the launcher gives them (`kill('history')`); the worker service is not our worker. */
export const temporalProcessName = (service: TemporalService) => (service === 'worker' ? 'temporal-worker' : service);

/**
 * The variables deploy/temporal/config/temporal.yaml is rendered with (`database`: Temporal's own role), and those
 * of the server's authorization (deploy/temporal/server): the application's namespace, and the identity provider
 * when the environment names it.
 */
export function temporalServerEnv(
  options: ClusterOptions,
  database: Login,
  tls: ClusterTls,
  people?: TemporalPeopleTrust,
): Record<string, string> {
  const { ports } = options;
  return {
    TEMPORAL_TLS_DIR: tls.dir,
    TEMPORAL_AUTH_NAMESPACES: options.namespace,
    ...(people
      ? {
          TEMPORAL_JWKS_URIS: people.jwksUri,
          TEMPORAL_AUTH_ISSUER: people.issuer,
          TEMPORAL_AUTH_AUDIENCE: people.audience,
          TEMPORAL_AUTH_ROLE_CLAIM: people.roleClaim,
          TEMPORAL_AUTH_OPERATOR_ROLES: people.operatorRoles,
        }
      : {}),
    TEMPORAL_DB_HOST: '127.0.0.1',
    TEMPORAL_DB_PORT: String(ports.postgres),
    TEMPORAL_DB_USER: database.user,
    TEMPORAL_DB_PASSWORD: database.password,
    TEMPORAL_NUM_HISTORY_SHARDS: String(options.historyShards),
    TEMPORAL_BIND_ON_IP: '127.0.0.1',
    TEMPORAL_FRONTEND_GRPC_PORT: String(ports.frontend),
    TEMPORAL_FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    TEMPORAL_FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    TEMPORAL_HISTORY_GRPC_PORT: String(ports.history),
    TEMPORAL_HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    TEMPORAL_MATCHING_GRPC_PORT: String(ports.matching),
    TEMPORAL_MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    TEMPORAL_WORKER_GRPC_PORT: String(ports.temporalWorker),
    TEMPORAL_WORKER_MEMBERSHIP_PORT: String(ports.temporalWorkerMembership),
    TEMPORAL_DYNAMIC_CONFIG_FILE: join(TEMPORAL_CONFIG_DIR, 'dynamicconfig', 'temporal.yaml'),
    TEMPORAL_LOG_LEVEL: options.env.TEMPORAL_LOG_LEVEL ?? 'info',
  };
}

export function temporalGrpcPort(service: TemporalService, ports: ClusterOptions['ports']): number {
  return { history: ports.history, matching: ports.matching, frontend: ports.frontend, worker: ports.temporalWorker }[
    service
  ];
}

export function temporalServiceSpec(
  service: TemporalService,
  tools: TemporalServerTools,
  options: ClusterOptions,
  database: Login,
  tls: ClusterTls,
  people?: TemporalPeopleTrust,
): ProcessSpec {
  const port = temporalGrpcPort(service, options.ports);
  return {
    name: temporalProcessName(service),
    command: tools.server,
    args: ['--root', TEMPORAL_CONFIG_DIR, '--config', 'config', '--env', 'temporal', 'start', '--service', service],
    env: { ...options.env, ...temporalServerEnv(options, database, tls, people) },
    // The frontend serves once it has joined the membership ring and reached history; history and matching
    // listen on their gRPC port; the worker service serves no gRPC, only its membership port.
    ready:
      service === 'frontend'
        ? temporalServing(`127.0.0.1:${port}`, tls.client('temporal-admin'))
        : tcpListening(service === 'worker' ? options.ports.temporalWorkerMembership : port),
    readyTimeoutMs: 120_000,
  };
}
