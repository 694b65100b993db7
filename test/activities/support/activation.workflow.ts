import { proxyActivities } from '@temporalio/workflow';
import type { ActivationRequest } from '../../../workflows/contract';

/** A workflow that runs only the activation activity, quickly retried, to watch its attempts. */
const { activateNewPassport } = proxyActivities<{ activateNewPassport(input: ActivationRequest): Promise<void> }>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '50 milliseconds', maximumAttempts: 6 },
});

export async function activationOnly(input: ActivationRequest): Promise<void> {
  await activateNewPassport(input);
}
