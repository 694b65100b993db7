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

/**
 * Distinct free ports, drawn at random from a range. Temporal keeps membership ports in a
 * PostgreSQL smallint, so they must stay below 32768, under the kernel's ephemeral range
 * (where ports picked by binding to port 0 land).
 */
export async function pickFreePorts(count: number, min = 20_000, max = 32_767, host = '127.0.0.1'): Promise<number[]> {
  const picked = new Set<number>();
  for (let tries = 0; picked.size < count; tries += 1) {
    if (tries > count * 100) throw new Error(`Not enough free ports between ${min} and ${max}`);
    const port = min + Math.floor(Math.random() * (max - min + 1));
    if (!picked.has(port) && (await canListen(port, host))) picked.add(port);
  }
  return [...picked];
}
