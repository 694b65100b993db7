import { ChildProcess, spawn } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { freePort } from '../../src/worker/free-port';
import { duration } from '../../src/config/policy';
import { searchAttributeCliArgs } from '../../src/temporal/search-attribute-registration';
import { applyNamespaceRetention, DEFAULT_NAMESPACE_RETENTION } from './namespace-retention';

export interface DevServerOptions {
  /** The `temporal` CLI (`ensureTemporalBinary('temporal', env)` in the entry point that starts it). */
  executable: string;
  /** gRPC port; a free one is picked when omitted. */
  port?: number;
  /** Web UI port; `undefined` runs the server headless. */
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; in memory when omitted. */
  dbFilename?: string;
  namespace?: string;
  /** The codec endpoint the web UI decodes payloads with (our API's `/codec`). */
  uiCodecEndpoint?: string;
  /** How long the namespace keeps closed histories (TEMPORAL_NAMESPACE_RETENTION; dev/infra/namespace-retention.ts). */
  retentionMs?: number;
}

export interface RunningDevServer {
  address: string;
  /** For the launcher's pid file. */
  pid: number | undefined;
  namespace: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

async function waitUntilServing(address: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`temporal dev server exited with code ${child.exitCode}:\n${output()}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.healthService.check({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`temporal dev server not serving on ${address}: ${String(error)}\n${output()}`, {
          cause: error,
        });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

/** The arguments of `temporal server start-dev` on 127.0.0.1, with the renewal search attributes registered. */
export function devServerArgs(
  options: Omit<DevServerOptions, 'executable' | 'port' | 'namespace'> & { port: number; namespace: string },
): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  args.push('--namespace', options.namespace, '--log-level', 'warn', ...searchAttributeCliArgs());
  if (options.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  if (options.dbFilename) args.push('--db-filename', options.dbFilename);
  if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  return args;
}

/**
 * Starts `temporal server start-dev` with the renewal search attributes
 * registered, and resolves once its frontend answers health checks.
 */
export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const port = options.port ?? (await freePort());
  const namespace = options.namespace ?? 'default';
  // In a session of its own, so the terminal's Ctrl-C reaches the launcher alone, which stops the server
  // after the worker and the API that use it.
  const child = spawn(options.executable, devServerArgs({ ...options, port, namespace }), {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // However this process ends (a kill -9 aside: see dev/launcher/recovery.ts), it must not leave an orphaned
  // server holding the ports.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const address = `127.0.0.1:${port}`;
  try {
    await waitUntilServing(address, child, () => log);
    // The dev server registers the namespace with a retention of its own: ours is set explicitly.
    const connection = await Connection.connect({ address });
    try {
      await applyNamespaceRetention(
        connection,
        namespace,
        options.retentionMs ?? duration(DEFAULT_NAMESPACE_RETENTION)!,
      );
    } finally {
      await connection.close();
    }
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    address,
    pid: child.pid,
    namespace,
    uiUrl: options.uiPort === undefined ? undefined : `http://localhost:${options.uiPort}`,
    stop: () => stopProcess(child),
  };
}
