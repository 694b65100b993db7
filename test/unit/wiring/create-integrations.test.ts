import type { DataSource } from 'typeorm';
import { loadSandboxConfig } from '../../../dev/sandboxes/config';
import { createSandboxes } from '../../../dev/sandboxes/sandboxes';
import { loadIntegrationsConfig } from '../../../src/config/integrations';
import { HttpCivilRegistry } from '../../../src/integrations/civil-registry/http';
import { HttpPrintCentre } from '../../../src/integrations/print-centre/http';
import { HttpSadad } from '../../../src/integrations/sadad/http';
import { HttpSaudiPost } from '../../../src/integrations/saudi-post/http';
import { HttpWasel } from '../../../src/integrations/wasel/http';
import { createIntegrations } from '../../../src/wiring/integrations';

// Building adapters touches no database; a placeholder is enough.
const sandboxes = createSandboxes(loadSandboxConfig({}), {} as DataSource);

describe('createIntegrations', () => {
  it('uses the adapters it is handed for the systems left on sandbox (the default)', () => {
    const integrations = createIntegrations(loadIntegrationsConfig({}), undefined, sandboxes);
    expect(integrations).toEqual(sandboxes);
    for (const port of Object.keys(sandboxes) as Array<keyof typeof sandboxes>) {
      expect(integrations[port]).toBe(sandboxes[port]);
    }
  });

  it('uses the HTTP adapter of each system switched to http, and the handed one of the others', () => {
    const env: Record<string, string> = {};
    for (const stem of ['CIVIL_REGISTRY', 'SADAD', 'PRINT_CENTRE', 'WASEL', 'SAUDI_POST']) {
      env[`INTEGRATION_${stem}_MODE`] = 'http';
      env[`INTEGRATION_${stem}_BASE_URL`] = `https://${stem.toLowerCase()}.example.sa`;
    }
    const integrations = createIntegrations(loadIntegrationsConfig(env), undefined, sandboxes);
    expect(integrations.registry).toBeInstanceOf(HttpCivilRegistry);
    expect(integrations.sadad).toBeInstanceOf(HttpSadad);
    expect(integrations.printCentre).toBeInstanceOf(HttpPrintCentre);
    expect(integrations.wasel).toBeInstanceOf(HttpWasel);
    expect(integrations.saudiPost).toBeInstanceOf(HttpSaudiPost);
    expect(integrations.sms).toBe(sandboxes.sms);
  });

  it('stops a process that is handed no adapter for a system left on sandbox, naming what to set', () => {
    // What the product's own entry points (src/api/main.ts, src/worker/main.ts) do: they hand nothing.
    expect(() => createIntegrations(loadIntegrationsConfig({}))).toThrow(
      /INTEGRATION_CIVIL_REGISTRY_MODE is "sandbox", but this process runs no partner simulator .* set INTEGRATION_CIVIL_REGISTRY_MODE=http and INTEGRATION_CIVIL_REGISTRY_BASE_URL/,
    );
    const { sms, ...allButSms } = sandboxes;
    expect(sms).toBeDefined();
    expect(() => createIntegrations(loadIntegrationsConfig({}), undefined, allButSms)).toThrow(
      /INTEGRATION_SMS_MODE is "sandbox"/,
    );
  });
});
