import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { createServer, type Server } from 'node:tls';

export interface RunningTlsFront {
  url: string;
  close(): Promise<void>;
}

/**
 * An https front for a plain HTTP address, as a production ingress terminates TLS before the API: each TLS
 * connection is decrypted here and its bytes passed to the target's port. The cluster puts one before its balancer
 * for the codec endpoint, because the Temporal UI hands a person's access token only to an https codec.
 */
export async function startTlsFront(options: {
  port: number;
  targetPort: number;
  certPath: string;
  keyPath: string;
  host?: string;
}): Promise<RunningTlsFront> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer(
    { cert: readFileSync(options.certPath), key: readFileSync(options.keyPath), ALPNProtocols: ['http/1.1'] },
    (client) => {
      track(client);
      const upstream = connect({ port: options.targetPort, host });
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    },
  );
  server.on('tlsClientError', () => undefined); // a browser refusing the certificate, a port probe
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  return {
    url: `https://${host}:${options.port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
