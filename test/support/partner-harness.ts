import type { DataSource } from 'typeorm';
import { INTEGRATION_SYSTEMS, type IntegrationsConfig, type SystemConfig } from '../../src/config/integrations';
import { type FaultConfig, loadSandboxConfig, type SandboxConfig } from '../../dev/sandboxes/config';
import type { Integrations } from '../../src/integrations';
import { createIntegrations } from '../../src/wiring/integrations';
import { partnerBaseUrl, startSandboxHttpServer, type SandboxHttpServer } from '../../dev/sandboxes/http/server';
import type { SandboxLogger } from '../../dev/sandboxes/logger';
import { createSandboxRunner, type SandboxRunner } from '../../dev/sandboxes/runner/runner';
import { createSandboxes, type Sandboxes } from '../../dev/sandboxes/sandboxes';
import { openSandboxDataSource } from '../../dev/sandboxes/database';
import { WebhookReceiver } from './webhook-receiver';

/** Every contract runs against both adapters of its port. */
export const ADAPTER_KINDS = ['sandbox', 'http'] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

export interface Harness {
  db: DataSource;
  config: SandboxConfig;
  /** The sandboxes, with their controls (pay a bill, subscribe to Wasel, read SMS). */
  sandboxes: Sandboxes;
  /** The HTTP adapters, pointed at the sandbox HTTP server that serves those same sandboxes. */
  http: Integrations;
  server: SandboxHttpServer;
  runner: SandboxRunner;
  webhooks: WebhookReceiver;
  /** What the runner logged. */
  logs: string[];
  adapters(kind: AdapterKind): Integrations;
}

export interface HarnessOptions {
  sandbox?: { printCentre?: Partial<SandboxConfig['printCentre']>; saudiPost?: Partial<SandboxConfig['saudiPost']> };
  /** Replaces each sandbox's fault configuration. */
  faults?: Partial<FaultConfig>;
}

/** Fast clocks and no faults, unless a test asks for them. */
export function testConfig(webhookBaseUrl: string, options: HarnessOptions = {}): SandboxConfig {
  const base = loadSandboxConfig({});
  const faults = { ...base.faults };
  for (const system of INTEGRATION_SYSTEMS) faults[system] = { ...base.faults[system], ...options.faults };
  return {
    ...base,
    faults,
    printCentre: { ...base.printCentre, delayMs: 300, ...options.sandbox?.printCentre },
    saudiPost: { ...base.saudiPost, stepDelayMs: 100, ...options.sandbox?.saudiPost },
    runner: { ...base.runner, pollIntervalMs: 50, batchSize: 50 },
    webhooks: {
      ...base.webhooks,
      baseUrl: webhookBaseUrl,
      retryBaseMs: 50,
      retryMaxMs: 200,
      // Every runner of the suite's database (all integration files share it) delivers every webhook in it. On a
      // loaded machine an answer can take seconds; with a short timeout the sender would give up on a request
      // the receiver had already counted and send it again, as it should, and a test counting sends would see
      // two. No test here is about webhook timeouts (test/dev/sandboxes/webhook-dispatcher.test.ts is, against
      // a receiver that never answers), so none happens here. Below the dispatcher's 60 s claim lease, which a
      // send must never outlast (another runner would claim the webhook again).
      timeoutMs: 30_000,
    },
  };
}

/** Every system on its HTTP adapter, against the sandbox HTTP server at `serverUrl`. */
export function httpConfig(serverUrl: string): IntegrationsConfig {
  const systems = {} as Record<(typeof INTEGRATION_SYSTEMS)[number], SystemConfig>;
  for (const system of INTEGRATION_SYSTEMS) {
    systems[system] = { mode: 'http', http: { baseUrl: partnerBaseUrl(serverUrl, system), timeoutMs: 5_000 } };
  }
  return { systems };
}

export function quietLogger(logs: string[]): SandboxLogger {
  return { log: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
}

/**
 * Registers beforeAll/afterAll that start, on the suite's PostgreSQL, the
 * sandboxes, a sandbox HTTP server over them, HTTP adapters pointed at it, a
 * webhook receiver standing in for our API, and a runner.
 */
export function useHarness(options: HarnessOptions = {}): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: run the tests through Jest, whose global setup provides it');
    const db = await openSandboxDataSource(url);
    const webhooks = await WebhookReceiver.start(loadSandboxConfig({}).webhooks.secrets);
    const config = testConfig(webhooks.url, options);
    const sandboxes = createSandboxes(config, db);
    const logs: string[] = [];
    const server = await startSandboxHttpServer(sandboxes, { logger: quietLogger(logs) });
    const http = createIntegrations(httpConfig(server.url));
    const runner = createSandboxRunner(config, db, quietLogger(logs));
    runner.start();
    harness = {
      db,
      config,
      sandboxes,
      http,
      server,
      runner,
      webhooks,
      logs,
      adapters: (kind) => (kind === 'sandbox' ? sandboxes : http),
    };
  });
  afterAll(async () => {
    await harness?.runner.stop();
    await harness?.server.close();
    await harness?.webhooks.close();
    await harness?.db.destroy();
  });
  return () => {
    if (!harness) throw new Error('the harness starts in beforeAll');
    return harness;
  };
}
