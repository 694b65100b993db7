import { createServer } from 'node:net';

/**
 * A TCP port free on the loopback interface right now: the OS picks it for a
 * listener that is closed at once. The worker's SDK metrics exporter takes one;
 * the development harness and the tests start their servers on them.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}
