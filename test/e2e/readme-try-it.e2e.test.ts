import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';
import { requireEnv } from '../support/temporal-test-env';
import { type SandboxStack, startStack } from '../support/stack';
import { ensureBuilt, runBash } from '../support/shell';

/** The shell block of the README's "Try it", exactly as a reader would paste it. */
function tryItBlock(): string {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Try it'));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md has no ```sh block under "### Try it"');
  return block[1];
}

/**
 * README "Try it" as a new user meets it: with the stack running, the block
 * runs as pasted, `npm run demo` takes a pickup, a home delivery and a loss
 * with reissue to COMPLETED, and the Temporal CLI lists the workflows.
 */
describe('README: Try it', () => {
  let stack: SandboxStack;

  beforeAll(async () => {
    ensureBuilt();
    stack = await startStack({
      sandboxes: true,
      env: {
        SANDBOX_PRINT_CENTRE_DELAY_MS: '300',
        // Slow enough that the operator's loss declaration, made as the envelope leaves, reaches the carrier
        // before it would have delivered, even on a loaded machine (the demo's default stack uses 5 s).
        SANDBOX_SAUDI_POST_STEP_DELAY_MS: '3000',
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs as written against the running stack', async () => {
    const env = {
      ...process.env,
      // What `npm start` would be running on, here the test's own stack.
      PORT: new URL(stack.baseUrl).port,
      SANDBOX_HTTP_PORT: new URL(stack.sandboxes.url).port,
      EMBEDDED_TEMPORAL_PORT: requireEnv('TEMPORAL_ADDRESS').split(':').at(-1),
    };
    const { code, output } = await runBash(tryItBlock(), env);
    console.log(output);
    expect(code).toBe(0);
    for (const journey of ['pickup', 'delivery', 'loss']) {
      expect(output).toMatch(new RegExp(`^${journey}\\s+COMPLETED\\s`, 'm'));
    }
    // Clock times say their zone.
    expect(output).toMatch(/\[loss {4}\] \d\d:\d\d:\d\d Riyadh {2}LOST/);
    expect(output).toMatch(/Citizen {4}http:\/\/localhost:\d+\/pages\/citizen/);
    expect(output).toMatch(/\/namespaces\/default\/workflows\/passport-renewal-/);
    // The operator's list (JSON) and the Temporal CLI's list both show renewals.
    expect(output).toMatch(/"items":\[\{"renewalId"/);
    // (Other test files share the suite's namespace, so the newest three need not be the demo's.)
    expect(output).toMatch(/(Running|Completed)\s+passport-renewal-[0-9a-f-]{36}\s+passportRenewal/);
  });
});
