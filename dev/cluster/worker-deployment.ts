import { execFileSync } from 'node:child_process';
import type { Connection } from '@temporalio/client';
import type { WorkerDeploymentVersion } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { PROJECT_ROOT } from '../../src/config/paths';
import { waitUntil } from '../launcher/readiness';

/**
 * Worker Versioning from the harness's side: what an operator does with `temporal worker deployment …` in
 * production (docs/operations.md, "Worker versions"), through the client's gRPC service so the launcher and
 * the rollout test need no CLI. Server 1.29.1 serves these calls by default (system.enableDeploymentVersions,
 * frontend.workerVersioningWorkflowAPIs; pinned in deploy/temporal/dynamicconfig/temporal.yaml).
 */

type WorkflowService = Connection['workflowService'];
const { VersionDrainageStatus } = temporal.api.enums.v1;

/** The identity written into the deployment's history of changes. */
const IDENTITY = 'passport-renewal harness';

/**
 * A development build's id: the commit checked out (`git rev-parse --short HEAD`). Only the harness guesses it; a
 * production image carries the one it was built with (Dockerfile, TEMPORAL_BUILD_ID).
 */
export function developmentBuildId(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'dev';
  }
}

export const versionName = (version: WorkerDeploymentVersion) => `${version.deploymentName}.${version.buildId}`;

/** What the deployment says of each of its versions (the Temporal UI's Deployments view). */
export interface VersionSummary {
  buildId: string;
  /** CURRENT, RAMPING, DRAINING, DRAINED or INACTIVE (never current yet). */
  status: string;
  drainage?: string;
}

export interface DeploymentSummary {
  current?: string;
  versions: VersionSummary[];
}

const statusName = (status: temporal.api.enums.v1.WorkerDeploymentVersionStatus | null | undefined) =>
  temporal.api.enums.v1.WorkerDeploymentVersionStatus[status ?? 0].replace('WORKER_DEPLOYMENT_VERSION_STATUS_', '');

export async function describeDeployment(
  service: WorkflowService,
  namespace: string,
  deploymentName: string,
): Promise<DeploymentSummary> {
  const { workerDeploymentInfo: info } = await service.describeWorkerDeployment({ namespace, deploymentName });
  return {
    current: info?.routingConfig?.currentDeploymentVersion?.buildId ?? undefined,
    versions: (info?.versionSummaries ?? []).map((summary) => ({
      buildId: summary.deploymentVersion?.buildId ?? '',
      status: statusName(summary.status),
      drainage: summary.drainageInfo?.status
        ? VersionDrainageStatus[summary.drainageInfo.status].replace('VERSION_DRAINAGE_STATUS_', '')
        : undefined,
    })),
  };
}

/** The server knows a version once a worker of it has polled: waits for that, then makes it current. */
export async function makeCurrentVersion(
  service: WorkflowService,
  namespace: string,
  version: WorkerDeploymentVersion,
  timeoutMs = 60_000,
): Promise<void> {
  await waitUntil(
    async () => {
      await service.setWorkerDeploymentCurrentVersion({
        namespace,
        deploymentName: version.deploymentName,
        buildId: version.buildId,
        identity: IDENTITY,
      });
      return true;
    },
    { what: `version ${versionName(version)} made current`, timeoutMs, intervalMs: 500 },
  );
}

/**
 * Retires a drained version: the server refuses while it is current or ramping, while pinned executions still run
 * on it (DRAINING), and while its workers have polled within matching.PollerHistoryTTL; so its workers stop first.
 */
export async function retireVersion(
  service: WorkflowService,
  namespace: string,
  version: WorkerDeploymentVersion,
  timeoutMs = 120_000,
): Promise<void> {
  await waitUntil(
    async () => {
      await service.deleteWorkerDeploymentVersion({
        namespace,
        deploymentVersion: { deploymentName: version.deploymentName, buildId: version.buildId },
        identity: IDENTITY,
      });
      return true;
    },
    { what: `version ${versionName(version)} retired`, timeoutMs, intervalMs: 1_000 },
  );
}
