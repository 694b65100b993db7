import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type HttpAdapterConfig,
  INTEGRATION_SYSTEMS,
  type IntegrationSystem,
  SYSTEM_ENV_STEMS,
} from '../../../src/config/integrations';
import { civilRegistryRoutes } from '../civil-registry/routes';
import { invalidRequest } from '../../../src/integrations/errors';
import { printCentreRoutes } from '../print-centre/routes';
import { sadadRoutes } from '../sadad/routes';
import { sandboxControlRoutes } from './control-routes';
import { faultControlRoutes } from './fault-routes';
import type { SandboxFaults } from '../fault-control';
import { defaultSandboxLogger, type SandboxLogger } from '../logger';
import { SYSTEM_NAMES, type Sandboxes } from '../sandboxes';
import { saudiPostRoutes } from '../saudi-post/routes';
import { smsRoutes } from '../sms/routes';
import { waselRoutes } from '../wasel/routes';
import { problemResponse, type RouteResponse } from './problem';
import { matchRoute, mount } from './router';

export interface SandboxHttpServerOptions {
  /** 0 (the default) takes a free port. */
  port?: number;
  host?: string;
  /** When set, partner endpoints answer 401 to requests without exactly this header. */
  requiredAuthHeader?: HttpAdapterConfig['authHeader'];
  logger?: SandboxLogger;
  /** Serves the run-time fault controls (`/sandbox/faults`) over these. */
  faults?: SandboxFaults;
}

export interface SandboxHttpServer {
  /** e.g. `http://127.0.0.1:3100`; a system's API root is `partnerBaseUrl(url, system)`. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Where a system's endpoints live on the sandbox HTTP server: `<url>/<system>`, e.g. `/saudi-post/v1/shipments`. */
export function partnerBaseUrl(serverUrl: string, system: IntegrationSystem): string {
  return `${serverUrl}/${SYSTEM_NAMES[system]}`;
}

/**
 * The variables that point a product process's HTTP adapters at the sandbox HTTP server at `serverUrl`
 * (INTEGRATION_<SYSTEM>_MODE=http and _BASE_URL), as at real partners: how a launcher runs the API and
 * the workers as processes of their own, which have no sandboxes in them.
 */
export function partnerHttpEnv(serverUrl: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const system of INTEGRATION_SYSTEMS) {
    const stem = SYSTEM_ENV_STEMS[system];
    env[`INTEGRATION_${stem}_MODE`] = 'http';
    env[`INTEGRATION_${stem}_BASE_URL`] = partnerBaseUrl(serverUrl, system);
  }
  return env;
}

/**
 * Serves the sandboxes over the documented wire format (docs/integrations.md),
 * as the real partners would: the HTTP adapters can be pointed at it, which is
 * how the shared contract tests run them, and the embedded stack exposes it
 * with the sandbox controls (`/sandbox/...`) for demos.
 */
export async function startSandboxHttpServer(
  sandboxes: Sandboxes,
  options: SandboxHttpServerOptions = {},
): Promise<SandboxHttpServer> {
  const logger = options.logger ?? defaultSandboxLogger();
  const partnerRoutes = [
    ...mount(`/${SYSTEM_NAMES.civilRegistry}`, civilRegistryRoutes(sandboxes.registry)),
    ...mount(`/${SYSTEM_NAMES.sadad}`, sadadRoutes(sandboxes.sadad)),
    ...mount(`/${SYSTEM_NAMES.printCentre}`, printCentreRoutes(sandboxes.printCentre)),
    ...mount(`/${SYSTEM_NAMES.wasel}`, waselRoutes(sandboxes.wasel)),
    ...mount(`/${SYSTEM_NAMES.saudiPost}`, saudiPostRoutes(sandboxes.saudiPost)),
    ...mount(`/${SYSTEM_NAMES.sms}`, smsRoutes(sandboxes.sms)),
  ];
  const controlRoutes = mount('/sandbox', [
    ...sandboxControlRoutes(sandboxes),
    ...(options.faults ? faultControlRoutes(options.faults) : []),
  ]);

  async function respond(request: IncomingMessage): Promise<RouteResponse> {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const partner = matchRoute(partnerRoutes, request.method ?? '', url.pathname);
    const match = partner ?? matchRoute(controlRoutes, request.method ?? '', url.pathname);
    if (match === undefined) return { status: 404, body: { code: 'RouteNotFound' } };
    if (match === 'method') return { status: 405, body: { code: 'MethodNotAllowed' } };
    const auth = options.requiredAuthHeader;
    if (partner && auth && request.headers[auth.name.toLowerCase()] !== auth.value) {
      return { status: 401, body: { code: 'PartnerUnauthorized' } };
    }
    const body = await readJson(request);
    return match.route.handle({ params: match.params, body, query: url.searchParams });
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    respond(request)
      .catch((error: unknown) => {
        const problem = problemResponse(error);
        // Only the error's kind: its message may quote a request, and requests carry personal data.
        if (problem.status >= 500 && problem.status !== 503) logger.error(`sandbox HTTP server: ${errorName(error)}`);
        return problem;
      })
      .then(({ status, body }) => {
        const type = status >= 400 ? 'application/problem+json' : 'application/json';
        response.writeHead(status, body === undefined ? {} : { 'content-type': type });
        response.end(body === undefined ? undefined : JSON.stringify(status >= 400 ? { status, ...body } : body));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw invalidRequest('body', 'is larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest('body', 'is not valid JSON');
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
