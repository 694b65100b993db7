import { createServer, type Server } from 'node:http';
import { startBalancer } from '../../../dev/launcher/balancer';
import { freePort } from '../../../src/worker/free-port';

function backend(name: string, port: number): Promise<Server> {
  const server = createServer((_, response) => response.end(name));
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const close = (server: Server) => new Promise((resolve) => server.close(resolve));

/** A new connection per request, as partner webhooks arrive. */
const get = async (url: string) =>
  (await fetch(url, { headers: { connection: 'close' }, signal: AbortSignal.timeout(5_000) })).text();

describe('the API balancer', () => {
  it('spreads connections over the replicas and skips one that is down', async () => {
    const ports = [await freePort(), await freePort()];
    const one = await backend('api-1', ports[0]);
    const two = await backend('api-2', ports[1]);
    const balancer = await startBalancer(await freePort(), ports);
    try {
      const answers = [];
      for (let i = 0; i < 4; i += 1) answers.push(await get(balancer.url));
      expect(answers.sort()).toEqual(['api-1', 'api-1', 'api-2', 'api-2']);

      await close(two);
      const whileDown = [];
      for (let i = 0; i < 4; i += 1) whileDown.push(await get(balancer.url));
      expect(whileDown).toEqual(['api-1', 'api-1', 'api-1', 'api-1']);
    } finally {
      await balancer.close();
      await close(one);
    }
  });
});
