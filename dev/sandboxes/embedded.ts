import type { DataSource } from 'typeorm';
import type { SandboxConfig } from './config';
import { startSandboxHttpServer } from './http/server';
import { defaultSandboxLogger, type SandboxLogger } from './logger';
import { createSandboxRunner } from './runner/runner';
import { createSandboxes } from './sandboxes';
import { SandboxFaults } from './fault-control';

export interface EmbeddedSandboxes {
  /** The sandbox HTTP server: partner wire format under `/<system>`, demo controls under `/sandbox`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The sandboxes' moving parts for `npm start` and `npm run start:sandboxes`: the runner (print completions,
 * carrier events, bill expiry, webhooks to our API) and the sandbox HTTP
 * server on `SANDBOX_HTTP_PORT` (e.g. to pay a bill with curl, or make a partner fail: `/sandbox/faults`).
 */
export async function startEmbeddedSandboxes(
  config: SandboxConfig,
  dataSource: DataSource,
  logger: SandboxLogger = defaultSandboxLogger(),
): Promise<EmbeddedSandboxes> {
  const server = await startSandboxHttpServer(createSandboxes(config, dataSource), {
    port: config.httpPort,
    host: config.httpHost,
    logger,
    faults: new SandboxFaults(dataSource, config.faults),
  });
  const runner = createSandboxRunner(config, dataSource, logger);
  runner.start();
  return {
    url: server.url,
    async stop() {
      await runner.stop();
      await server.close();
    },
  };
}
