import { createServer } from 'node:net';

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Fails, naming each one, if any of the ports is taken: better than a process dying on start. */
export async function assertPortsFree(ports: Record<string, number>, host = '127.0.0.1'): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (!(await canListen(port, host))) taken.push(`${port} (${name})`);
  }
  if (taken.length > 0) {
    throw new Error(`Ports in use: ${taken.join(', ')}. Stop what holds them, or choose other ports.`);
  }
}
