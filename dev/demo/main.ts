import { pageUrls } from '../../src/api/pages/page-urls';
import { loadEmbeddedProcessConfig } from '../../src/config/processes';
import { withCheckDigit } from '../../src/domain/national-id';
import { loadEmbeddedConfig } from '../embedded/config';
import { HeldTokens } from '../identity/held-tokens';
import { loadSandboxConfig } from '../sandboxes/config';
import { SEEDED } from '../sandboxes/seed-people';
import { type DemoSettings, runJourney } from './journeys';

/** Seeded citizens with a valid passport, the last two subscribed to Wasel (dev/sandboxes/seed-people.ts). */
const PEOPLE = {
  pickup: SEEDED.validPassport,
  delivery: withCheckDigit('107733019'),
  loss: withCheckDigit('104483920'),
};

/**
 * `npm run demo`, against the stack `npm start` runs (same environment, so
 * the same ports and secrets): a pickup, a home delivery and a loss with
 * reissue, side by side, each printed as it moves; then where to look.
 */
async function main(): Promise<void> {
  const config = loadEmbeddedProcessConfig(process.env);
  const apiUrl = `http://localhost:${config.httpPort}`;
  const pages = config.pages;
  const settings: DemoSettings = {
    apiUrl,
    sandboxUrl: `http://localhost:${loadSandboxConfig(process.env).httpPort}`,
    tokens: new HeldTokens(config.oidc.issuerUrl ?? `http://127.0.0.1:${loadEmbeddedConfig(process.env).oidcPort}`),
    print: (line) => process.stdout.write(`${line}\n`),
  };
  const ready = await fetch(`${apiUrl}/health/ready`).catch(() => undefined);
  if (!ready?.ok) {
    throw new Error(`No API answers at ${apiUrl}: start the stack with \`npm start\` first (same PORT)`);
  }
  settings.print(`Three renewals against ${apiUrl}: pickup at RUH-01, home delivery, loss and reissue.`);
  const results = await Promise.all([
    runJourney(settings, 'pickup', PEOPLE.pickup, 'RUH-01'),
    runJourney(settings, 'delivery', PEOPLE.delivery, 'JED-01'),
    runJourney(settings, 'loss', PEOPLE.loss, 'JED-02'),
  ]);
  settings.print('');
  for (const result of results) {
    settings.print(`${result.label.padEnd(8)} ${result.stage.padEnd(10)} ${result.renewalId}`);
    settings.print(
      `         ${pages.temporalUiUrl}/namespaces/${encodeURIComponent(pages.temporalNamespace)}/workflows/${result.workflowId}`,
    );
  }
  settings.print('');
  for (const line of pageUrls(apiUrl, pages)) settings.print(line);
  if (results.some((result) => result.stage !== 'COMPLETED')) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
