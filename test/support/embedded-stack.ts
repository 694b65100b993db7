import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';
import { freePort } from '../../src/worker/free-port';
import { eventually } from './eventually';
import { requireEnv } from './temporal-test-env';

/** The addresses of an embedded stack of a test's own, and the environment that starts it. */
export interface EmbeddedStackEnv {
  env: NodeJS.ProcessEnv;
  api: string;
  sandboxes: string;
  /** Its sandbox identity provider's issuer. */
  identity: string;
  postgresPort: number;
}

/**
 * `npm start`'s whole stack for a test, in `dataDir`, on free ports (the worker's metrics and the identity provider
 * included: a developer's own `npm start` may hold the defaults), never on the suite's servers or its identity
 * provider, with the suite's bundle of the same workflows (no second bundling). `settings` add to it.
 */
export async function embeddedStackEnv(dataDir: string, settings: NodeJS.ProcessEnv = {}): Promise<EmbeddedStackEnv> {
  const [port, sandboxPort, postgresPort, temporalPort, uiPort, metricsPort, oidcPort] = await Promise.all(
    [1, 2, 3, 4, 5, 6, 7].map(freePort),
  );
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'TEMPORAL_ADDRESS',
    'TEMPORAL_TASK_QUEUE',
    'SANDBOX_WEBHOOK_BASE_URL',
    'OIDC_ISSUER_URL',
  ]) {
    delete env[name];
  }
  Object.assign(env, {
    PORT: String(port),
    SANDBOX_HTTP_PORT: String(sandboxPort),
    EMBEDDED_POSTGRES_PORT: String(postgresPort),
    EMBEDDED_TEMPORAL_PORT: String(temporalPort),
    EMBEDDED_TEMPORAL_UI_PORT: String(uiPort),
    EMBEDDED_OIDC_PORT: String(oidcPort),
    WORKER_METRICS_PORT: String(metricsPort),
    EMBEDDED_DATA_DIR: dataDir,
    WORKFLOW_BUNDLE_PATH: requireEnv('WORKFLOW_BUNDLE_PATH'),
    ...settings,
  });
  return {
    env,
    api: `http://127.0.0.1:${port}`,
    sandboxes: `http://127.0.0.1:${sandboxPort}`,
    identity: `http://127.0.0.1:${oidcPort}`,
    postgresPort,
  };
}

/** A started embedded stack: its process and everything it printed. */
export interface StartedEmbedded {
  child: ChildProcess;
  output: () => string;
}

/** `node dist/dev/embedded/main.js`, the process `npm start` runs, with everything it prints kept. */
export function startEmbedded(env: NodeJS.ProcessEnv, running: ChildProcess[]): StartedEmbedded {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/dev/embedded/main.js')], { env, cwd: PROJECT_ROOT });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Once its API is ready; fails at once, with what it printed, if it exits first. */
export async function whenServing(started: StartedEmbedded, api: string): Promise<void> {
  await eventually(
    async () => {
      if (started.child.exitCode !== null) throw new Error(`exited:\n${started.output()}`);
      return (await fetch(`${api}/health/ready`).catch(() => undefined))?.ok || undefined;
    },
    'the embedded stack to serve',
    120_000,
  );
}
