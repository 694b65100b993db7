import type { VersioningBehavior, WorkflowDefinitionOptions } from '@temporalio/common';
import { workflowInfo } from '@temporalio/workflow';

/**
 * A workflow type's Worker Versioning behaviour, for `setWorkflowOptions`. Only a versioned worker may declare one:
 * the server refuses the workflow task of an unversioned worker that does ("versioning behavior cannot be specified
 * without deployment options"), and `npm start` and the tests run unversioned workers. Only a versioned worker's task
 * carries a deployment name (an unversioned one still reports a build id, the bundle's checksum), so the behaviour
 * is declared exactly when it means something.
 */
export function versioningBehavior(behavior: VersioningBehavior): () => WorkflowDefinitionOptions {
  return () => (workflowInfo().currentDeploymentVersion?.deploymentName ? { versioningBehavior: behavior } : {});
}
