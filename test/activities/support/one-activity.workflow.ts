import { proxyActivities } from '@temporalio/workflow';

/** Runs one activity by name, retried quickly, so a test can watch what its attempts do against a real server. */
const activities = proxyActivities<Record<string, (input: unknown) => Promise<unknown>>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '50 milliseconds', maximumAttempts: 6 },
});

export async function oneActivity(name: string, input: unknown): Promise<unknown> {
  return activities[name](input);
}
