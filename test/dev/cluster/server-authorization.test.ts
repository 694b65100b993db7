import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PASSPORT_SERVER_MODULE } from '../../../dev/cluster/go-tools';

const run = promisify(execFile);

/**
 * The server's claim mapper and authorizer (deploy/temporal/server/authorization.go) against their table of who
 * may do what, people's tokens included (operator: read, signal, cancel, never terminate, reset or delete; support:
 * read; citizen, clerk: nothing; a token without exp, of another issuer or audience, or another key: refused):
 * `go test` in the module, as CI's cluster run has Go for the build anyway.
 */
describe("the Temporal server's authorization", () => {
  it('passes its Go tests', async () => {
    const { stdout } = await run('go', ['test', '-count=1', '-v', './...'], {
      cwd: PASSPORT_SERVER_MODULE,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toMatch(/--- PASS: TestWhoMayDoWhat/);
    expect(stdout).toMatch(/--- PASS: TestTokensRefused/);
    expect(stdout).toMatch(/--- PASS: TestCertificateWinsOverToken/);
    expect(stdout).toMatch(/^ok\s/m);
  }, 600_000);
});
