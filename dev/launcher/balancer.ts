import { connect, createServer, type Server, type Socket } from 'node:net';

export interface RunningBalancer {
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP round-robin balancer in front of the API replicas, as a load balancer
 * stands in front of them in production: each new connection goes to the next
 * backend, and to the one after it when that one refuses (an API being
 * restarted), so clients and partner webhooks see one address and no outage.
 */
export async function startBalancer(
  port: number,
  backendPorts: number[],
  host = '127.0.0.1',
): Promise<RunningBalancer> {
  let next = 0;
  const sockets = new Set<Socket>();

  const forward = (client: Socket, first: number, attempt: number) => {
    const upstream = connect({ port: backendPorts[(first + attempt) % backendPorts.length], host });
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      sockets.add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (!connected && attempt + 1 < backendPorts.length) forward(client, first, attempt + 1);
      else client.destroy();
    });
    // A clean end travels through the pipes; an error (handled above) destroys the client.
    upstream.once('close', () => sockets.delete(upstream));
    client.once('close', () => upstream.destroy());
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    forward(client, next, 0);
    next = (next + 1) % backendPorts.length;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
