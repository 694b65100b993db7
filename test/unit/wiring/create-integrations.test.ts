import type { DataSource } from 'typeorm';
import { loadIntegrationsConfig } from '../../../src/config/integrations';
import { createIntegrations } from '../../../src/wiring/integrations';
import { HttpCivilRegistry } from '../../../src/integrations/civil-registry/http';
import { SandboxCivilRegistry } from '../../../dev/sandboxes/civil-registry/sandbox';
import { HttpPrintCentre } from '../../../src/integrations/print-centre/http';
import { SandboxPrintCentre } from '../../../dev/sandboxes/print-centre/sandbox';
import { HttpSadad } from '../../../src/integrations/sadad/http';
import { SandboxSadad } from '../../../dev/sandboxes/sadad/sandbox';
import { HttpSaudiPost } from '../../../src/integrations/saudi-post/http';
import { SandboxSaudiPost } from '../../../dev/sandboxes/saudi-post/sandbox';
import { SandboxSmsGateway } from '../../../dev/sandboxes/sms/sandbox';
import { HttpWasel } from '../../../src/integrations/wasel/http';
import { SandboxWasel } from '../../../dev/sandboxes/wasel/sandbox';

// Building adapters touches no database; a placeholder is enough.
const dataSource = {} as DataSource;

describe('createIntegrations', () => {
  it('uses the sandboxes by default', () => {
    const integrations = createIntegrations(loadIntegrationsConfig({}), dataSource);
    expect(integrations.registry).toBeInstanceOf(SandboxCivilRegistry);
    expect(integrations.sadad).toBeInstanceOf(SandboxSadad);
    expect(integrations.printCentre).toBeInstanceOf(SandboxPrintCentre);
    expect(integrations.wasel).toBeInstanceOf(SandboxWasel);
    expect(integrations.saudiPost).toBeInstanceOf(SandboxSaudiPost);
    expect(integrations.sms).toBeInstanceOf(SandboxSmsGateway);
  });

  it('uses the HTTP adapter of each system switched to http, and the sandbox of the others', () => {
    const env: Record<string, string> = {};
    for (const stem of ['CIVIL_REGISTRY', 'SADAD', 'PRINT_CENTRE', 'WASEL', 'SAUDI_POST']) {
      env[`INTEGRATION_${stem}_MODE`] = 'http';
      env[`INTEGRATION_${stem}_BASE_URL`] = `https://${stem.toLowerCase()}.example.sa`;
    }
    const integrations = createIntegrations(loadIntegrationsConfig(env), dataSource);
    expect(integrations.registry).toBeInstanceOf(HttpCivilRegistry);
    expect(integrations.sadad).toBeInstanceOf(HttpSadad);
    expect(integrations.printCentre).toBeInstanceOf(HttpPrintCentre);
    expect(integrations.wasel).toBeInstanceOf(HttpWasel);
    expect(integrations.saudiPost).toBeInstanceOf(HttpSaudiPost);
    expect(integrations.sms).toBeInstanceOf(SandboxSmsGateway);
  });
});
