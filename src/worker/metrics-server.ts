import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The worker's /metrics: its business metrics (stage changes, partner calls;
 * src/telemetry/metrics) followed by the Temporal SDK's own, read from the
 * runtime's loopback exporter at each scrape. Both are Prometheus text, with
 * no metric family in common, so they concatenate into one exposition. If the
 * SDK's exporter does not answer, the business metrics are still served.
 */
export async function serveWorkerMetrics(options: {
  port: number;
  host?: string;
  registry: Registry;
  sdkMetricsUrl?: string;
}): Promise<MetricsServer> {
  const { registry, sdkMetricsUrl } = options;
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    void Promise.all([registry.metrics(), sdkMetricsUrl ? sdkMetrics(sdkMetricsUrl) : ''])
      .then(([business, sdk]) => {
        response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        response.end(`${business}\n${sdk}`);
      })
      .catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function sdkMetrics(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? await response.text() : '';
  } catch {
    return '';
  }
}
