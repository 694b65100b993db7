import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { BARE_TASK_QUEUE } from './worker';
import {
  acceptUpdate,
  bareRenewal,
  handOverUpdate,
  openUpdate,
  paymentSignal,
  printedSignal,
  verifyUpdate,
} from './workflows';

/** Opens a bare renewal by update-with-start: the answer comes once its one partner call (eligibility) is done. */
export async function openBare(
  client: Client,
  workflowId: string,
): Promise<WithStartWorkflowOperation<typeof bareRenewal>> {
  const start = new WithStartWorkflowOperation(bareRenewal, {
    workflowId,
    taskQueue: BARE_TASK_QUEUE,
    args: [workflowId],
    workflowIdConflictPolicy: 'FAIL',
  });
  await client.workflow.executeUpdateWithStart(openUpdate, { startWorkflowOperation: start });
  return start;
}

/**
 * A bare pickup renewal driven as the real one is, but straight through the
 * Temporal client: open, accept, the payment signal, the print-completed signal
 * after the sandbox's print time, the clerk's verification and handover.
 */
export async function renewBare(client: Client, workflowId: string, printDelayMs: number): Promise<void> {
  const handle = await (await openBare(client, workflowId)).workflowHandle();
  await handle.executeUpdate(acceptUpdate, { args: [{ validityYears: 5 }] });
  await handle.signal(paymentSignal, { billNumber: workflowId });
  await sleep(printDelayMs);
  await handle.signal(printedSignal, { passportNumber: 'X00000001' });
  await handle.executeUpdate(verifyUpdate, { args: [{ passportNumber: 'A1' }] });
  await handle.executeUpdate(handOverUpdate);
  await handle.result();
}
