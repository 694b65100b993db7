import type { DataSource } from 'typeorm';
import { loadSandboxConfig } from '../../../dev/sandboxes/config';
import { openSandboxDataSource, runSandboxMigrations } from '../../../dev/sandboxes/database';
import { FAULT_CACHE_MS, SandboxFaults } from '../../../dev/sandboxes/fault-control';
import { type SandboxHttpServer, startSandboxHttpServer } from '../../../dev/sandboxes/http/server';
import { createSandboxes, type Sandboxes } from '../../../dev/sandboxes/sandboxes';
import { SEEDED } from '../../../dev/sandboxes/seed-people';
import { sandboxCommand } from '../../../dev/tools/sandbox-command';
import { TransientIntegrationError } from '../../../src/integrations/errors';
import { emptyDatabase } from '../../support/databases';
import { eventually } from '../../support/eventually';
import { quietLogger } from '../../support/partner-harness';

/**
 * Faults set at run time, as `npm run sandbox -- fault …` sets them, reach every set of sandboxes on the
 * database: here two, as npm start runs one for the API and one for the worker, beside the HTTP server's.
 */
describe('sandbox faults at run time (real PostgreSQL)', () => {
  let db: DataSource;
  let server: SandboxHttpServer;
  let api: Sandboxes;
  let worker: Sandboxes;
  const sandbox = (...args: string[]) => sandboxCommand(args, server.url);
  const lookUp = (sandboxes: Sandboxes) => sandboxes.registry.lookUpCitizen(SEEDED.validPassport);

  beforeAll(async () => {
    // A database of its own: a fault set here must not reach other test files' sandboxes.
    const url = await emptyDatabase('sandbox_faults');
    await runSandboxMigrations(url);
    db = await openSandboxDataSource(url, 4);
    // Started with the SMS gateway slow, as SANDBOX_SMS_LATENCY_MS=5 would.
    const config = loadSandboxConfig({ SANDBOX_SMS_LATENCY_MS: '5' });
    api = createSandboxes(config, db);
    worker = createSandboxes(config, db);
    server = await startSandboxHttpServer(createSandboxes(config, db), {
      logger: quietLogger([]),
      faults: new SandboxFaults(db, config.faults),
    });
  });

  afterAll(async () => {
    await server?.close();
    await db?.destroy();
  });

  it('lists what each sandbox injects, as started', async () => {
    expect(await sandbox('faults')).toBe(
      [
        'system          error  timeout  permanent  latency  hang',
        'civil-registry  0      0        0          0 ms     off   as started',
        'sadad           0      0        0          0 ms     off   as started',
        'print-centre    0      0        0          0 ms     off   as started',
        'wasel           0      0        0          0 ms     off   as started',
        'saudi-post      0      0        0          0 ms     off   as started',
        'sms             0      0        0          5 ms     off   as started',
      ].join('\n'),
    );
  });

  it('fails a partner in every process within a second of the command, and clears it the same way', async () => {
    await expect(lookUp(api)).resolves.toBeDefined();
    const listing = await sandbox('fault', 'civil-registry', 'error-rate', '1');
    expect(listing).toContain('civil-registry  1      0        0          0 ms     off   set at run time');
    const failing = async (sandboxes: Sandboxes) =>
      (await lookUp(sandboxes).then(
        () => false,
        (error) => error instanceof TransientIntegrationError,
      )) || undefined;
    const setAt = Date.now();
    await eventually(() => failing(api), "the API's registry failing", 5_000);
    await eventually(() => failing(worker), "the worker's registry failing", 5_000);
    expect(Date.now() - setAt).toBeLessThan(FAULT_CACHE_MS + 500);
    // The other partners as they were.
    await expect(worker.sadad.getBill('000000000000')).resolves.toBeUndefined();

    await sandbox('fault', 'clear', 'civil-registry');
    await eventually(
      async () =>
        (await lookUp(worker).then(
          () => true,
          () => undefined,
        )) ?? undefined,
      'cleared',
    );
    expect(await sandbox('faults')).toContain('civil-registry  0      0        0          0 ms     off   as started');
  });

  it('hangs a partner past its callers’ timeouts until the hang is cleared', async () => {
    await sandbox('fault', 'print-centre', 'hang', 'on');
    await sandbox('fault', 'print-centre', 'latency', '2s');
    await new Promise((resolve) => setTimeout(resolve, FAULT_CACHE_MS));
    let settled: unknown;
    const call = worker.printCentre.getJob('no-such-job').then(
      () => (settled = 'answered'),
      (error: Error) => (settled = error.message),
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(settled).toBeUndefined();
    const cleared = Date.now();
    expect(await sandbox('fault', 'print-centre', 'hang', 'off')).toContain(
      'print-centre    0      0        0          2000 ms  off   set at run time',
    );
    await call;
    expect(settled).toMatch(/injected hang/);
    expect(Date.now() - cleared).toBeLessThan(FAULT_CACHE_MS + 1_000);
    await sandbox('fault', 'clear');
    expect(await sandbox('faults')).not.toContain('set at run time');
  });

  it('refuses what is not a fault, with a problem', async () => {
    const put = (system: string, body: unknown) =>
      fetch(`${server.url}/sandbox/faults/${system}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const [system, body, field] of [
      ['mars', { errorRate: 1 }, 'system'],
      ['sms', { errorRate: 1.5 }, 'errorRate'],
      ['sms', { latencyMs: -1 }, 'latencyMs'],
      ['sms', { hang: 'yes' }, 'hang'],
      ['sms', { slowness: 1 }, 'slowness'],
      ['sms', { errorRate: 0.6, timeoutRate: 0.6 }, 'body'],
    ] as const) {
      const response = await put(system, body);
      expect({ system, body, status: response.status, type: response.headers.get('content-type') }).toEqual({
        system,
        body,
        status: 400,
        type: 'application/problem+json',
      });
      expect(await response.json()).toMatchObject({ code: 'InvalidRequest', field });
    }
    await expect(sandbox('fault', 'sms', 'error-rate', 'lots')).rejects.toThrow('error-rate cannot be "lots"');
    await expect(sandbox('fault', 'sms', 'speed', '1')).rejects.toThrow('unknown fault "speed"');
    expect(await sandbox('faults')).not.toContain('set at run time');
  });
});
