import request from 'supertest';
import type { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { type EmbeddedSandboxes, startEmbeddedSandboxes } from '../../dev/sandboxes/embedded';
import { runSandboxMigrations } from '../../dev/sandboxes/database';
import { openDataSource, runMigrations } from '../../src/persistence/data-source';
import { freePort } from '../../src/worker/free-port';
import type { SeededCitizen } from './citizens';
import { eventually, startStack, TestStack } from './stack';
import { requireEnv } from './temporal-test-env';

export interface SandboxStack extends TestStack {
  /** Where the API listens (partner webhooks, browsers). */
  baseUrl: string;
  sandboxes: EmbeddedSandboxes;
  /** Calls a sandbox control endpoint (pay a bill, subscribe to Wasel), as a partner's own UI would. */
  sandboxControl(path: string, body?: object): Promise<unknown>;
}

/**
 * The whole system as `npm start` runs it: API (listening, so partner webhooks
 * reach it), worker, and the sandboxes' runner and HTTP server, configured by
 * `sandboxEnv` (fault injection, delays) over the suite's environment.
 */
export async function startSandboxStack(
  sandboxEnv: Record<string, string>,
  appOptions: Parameters<typeof startStack>[1] = {},
  workerTelemetry: Parameters<typeof startStack>[2] = {},
): Promise<SandboxStack> {
  const apiPort = await freePort();
  // A database and task queue of its own: other test files run sandboxes with other faults at the same time.
  const isolated = randomUUID().replace(/-/g, '').slice(0, 12);
  const stack = await startStack(
    {
      DATABASE_URL: await createDatabase(requireEnv('DATABASE_URL'), `renewals_${isolated}`),
      TEMPORAL_TASK_QUEUE: `passport-renewals-${isolated}`,
      SANDBOX_WEBHOOK_BASE_URL: `http://127.0.0.1:${apiPort}`,
      SANDBOX_HTTP_PORT: '0',
      SANDBOX_POLL_INTERVAL_MS: '100',
      ...sandboxEnv,
    },
    appOptions,
    workerTelemetry,
  );
  await stack.app.listen(apiPort, '127.0.0.1');
  const ignore = () => undefined;
  const sandboxes = await startEmbeddedSandboxes(stack.sandboxConfig, stack.sandboxDb, {
    log: ignore,
    warn: ignore,
    error: ignore,
  });
  return {
    ...stack,
    baseUrl: `http://127.0.0.1:${apiPort}`,
    sandboxes,
    async sandboxControl(path, body) {
      const response = await fetch(`${sandboxes.url}/sandbox${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!response.ok) throw new Error(`sandbox ${path} answered ${response.status}`);
      return response.json();
    },
    async stop() {
      await sandboxes.stop();
      await stack.stop();
    },
  };
}

/** Creates an empty database next to the suite's, returning its URL. */
export async function createEmptyDatabase(suiteUrl: string, name: string): Promise<string> {
  const admin = await openDataSource(suiteUrl);
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(suiteUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every table of a database outside PostgreSQL's own schemas, as `schema.table`, in order. */
export async function tablesOf(db: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await db.query(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
      WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  return rows.map((row) => row.name).sort();
}

/** Creates a database next to the suite's and migrates it (the product's schema and the sandboxes'), returning its URL. */
export async function createDatabase(suiteUrl: string, name: string): Promise<string> {
  const url = await createEmptyDatabase(suiteUrl, name);
  await runMigrations(url);
  await runSandboxMigrations(url);
  return url;
}

/** A citizen using the API with their own token. */
export function citizenClient(stack: TestStack, person: SeededCitizen) {
  const auth = stack.auth({ role: 'citizen', sub: person.nationalId });
  const post = (path: string, body: object) =>
    request(stack.http)
      .post(path)
      .set({ ...auth, 'Idempotency-Key': randomUUID() })
      .send(body);
  const waitForStage = (renewalId: string, stage: string, timeoutMs = 60_000) =>
    eventually(
      async () => {
        const response = await request(stack.http).get(`/v1/renewals/${renewalId}/status`).set(auth);
        return response.body.stage === stage ? response.body : undefined;
      },
      `stage ${stage}`,
      timeoutMs,
    );
  return {
    get: (path: string) => request(stack.http).get(path).set(auth),
    post,
    status: async (renewalId: string) =>
      (await request(stack.http).get(`/v1/renewals/${renewalId}/status`).set(auth).expect(200)).body,
    waitForStage,
    /** Starts a renewal at RUH-01 and accepts its terms (10 years, every pledge): it then awaits payment. */
    async startAndAccept(delivery: object): Promise<string> {
      const renewalId: string = (await post('/v1/renewals', { officeId: 'RUH-01' }).expect(202)).body.renewalId;
      await waitForStage(renewalId, 'AWAITING_ACCEPTANCE');
      const review = await request(stack.http).get(`/v1/renewals/${renewalId}/review`).set(auth).expect(200);
      await post(`/v1/renewals/${renewalId}/acceptance`, {
        photoConfirmed: true,
        englishNameConfirmed: true,
        acceptedPledgeIds: review.body.requiredPledgeIds,
        validityYears: 10,
        delivery,
      }).expect(200);
      return renewalId;
    },
  };
}

/** The clerk at RUH-01 verifies the citizen's old passport, then hands the new one over. */
export async function handOverAtCounter(stack: TestStack, renewalId: string, oldPassportNumber: string): Promise<void> {
  const clerk = stack.auth({ role: 'clerk', sub: 'clerk-7', office: 'RUH-01' });
  const counter = `/v1/counter/renewals/${renewalId}`;
  await request(stack.http)
    .post(`${counter}/verification`)
    .set({ ...clerk, 'Idempotency-Key': randomUUID() })
    .send({ presentedPassportNumber: oldPassportNumber, identityConfirmed: true })
    .expect(200);
  await request(stack.http)
    .post(`${counter}/handover`)
    .set({ ...clerk, 'Idempotency-Key': randomUUID() })
    .send({})
    .expect(200);
}
