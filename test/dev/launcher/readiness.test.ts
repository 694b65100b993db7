import { createServer, type Server } from 'node:http';
import { httpOk, waitUntil } from '../../../dev/launcher/readiness';
import { freePort } from '../../../src/worker/free-port';

describe('waiting for a service to be ready', () => {
  let server: Server | undefined;

  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serving(status: number, body = ''): Promise<number> {
    const port = await freePort();
    server = createServer((_, res) => res.writeHead(status).end(body));
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    return port;
  }

  it('is done at the first 2xx', async () => {
    const port = await serving(200);
    await expect(waitUntil(httpOk(`http://127.0.0.1:${port}/`), { what: 'api', timeoutMs: 1_000 })).resolves.toBe(
      undefined,
    );
  });

  it('names the last answer when it gives up: the status a service kept answering, and what its body said', async () => {
    const port = await serving(503, '{"status":"error",\n "error":{"temporal":{"status":"down"}}}');
    await expect(
      waitUntil(httpOk(`http://127.0.0.1:${port}/health/ready`), { what: 'api-2', timeoutMs: 300, intervalMs: 50 }),
    ).rejects.toThrow(
      'api-2: not ready after 300 ms (answered 503: {"status":"error", "error":{"temporal":{"status":"down"}}})',
    );
  });

  it('names why nothing answered, not only that the fetch failed', async () => {
    const port = await freePort();
    await expect(
      waitUntil(httpOk(`http://127.0.0.1:${port}/`), { what: 'api-1', timeoutMs: 300, intervalMs: 50 }),
    ).rejects.toThrow('api-1: not ready after 300 ms (fetch failed: ECONNREFUSED)');
  });
});
