import { DefaultFailureConverter } from '@temporalio/common';

/**
 * The failure converter of every client and worker, workflow code included (the SDK loads it by path, so the
 * workflow bundle is built with it: WORKFLOW_BUNDLE_OPTIONS): a failure's message and stack trace travel as an
 * encoded payload, which the payload codec encrypts, instead of as clear text in the history. The Temporal UI and
 * CLI show them through the codec endpoint like any other payload.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
