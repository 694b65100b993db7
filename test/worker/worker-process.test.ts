import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';
import { partnerHttpEnv } from '../../dev/sandboxes/http/server';
import { WORKER_NODE_FLAGS } from '../../src/worker/heap';
import { createDatabase } from '../support/databases';
import { eventually } from '../support/eventually';
import { requireEnv } from '../support/temporal-test-env';

/**
 * The worker as production starts it (`npm run start:worker`: the built entry
 * point with its Node flags), against the suite's PostgreSQL and Temporal.
 * On SIGINT it must stop polling and then exit: a process that lingers once its
 * worker has stopped is killed by the orchestrator at the end of its grace
 * period (60 s in docker-compose.yml), which used to happen every time.
 * Like production, it has no sandboxes in it: its partners are HTTP endpoints (nothing answers at this
 * one, and on a database of its own no notice is waiting for them).
 */
describe('the worker process', () => {
  it('runs with its heap flags, and exits soon after SIGINT', async () => {
    const id = randomUUID().replace(/-/g, '').slice(0, 12);
    const databaseUrl = await createDatabase(requireEnv('DATABASE_URL'), `renewals_worker_${id}`);
    const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, join(PROJECT_ROOT, 'dist/src/worker/main.js')], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        ...partnerHttpEnv('http://127.0.0.1:9'),
        DATABASE_URL: databaseUrl,
        TEMPORAL_TASK_QUEUE: `worker-exit-${id}`,
        WORKER_METRICS_PORT: '0',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = once(child, 'exit');
    try {
      await eventually(async () => (output.includes('"state":"RUNNING"') ? true : undefined), 'the worker polling');
      child.kill('SIGINT');
      // Within 15 s: an exit code, or `undefined` for a process still there.
      const code = await Promise.race([exited.then(([exitCode]) => exitCode), sleep(15_000).then(() => undefined)]);
      expect(code).toBe(0);
      expect(output).toContain('"state":"STOPPED"');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
