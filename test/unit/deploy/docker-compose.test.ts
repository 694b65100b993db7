import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SearchAttributeType } from '@temporalio/common';
import { parse } from 'yaml';
import { TEMPORAL_SERVER_VERSION, TEMPORAL_UI_VERSION } from '../../../dev/cluster/go-tools';
import { loadTemporalConfig } from '../../../src/config/temporal';
import { loadOidcConfig } from '../../../src/config/oidc';
import { loadClusterOptions } from '../../../dev/cluster/options';
import { GROUP_ROLES, LOGIN_ROLES } from '../../../dev/infra/database-roles';
import { DEFAULT_NAMESPACE_RETENTION, loadNamespaceRetentionMs } from '../../../dev/infra/namespace-retention';
import { TEMPORAL_DATABASES } from '../../../dev/cluster/temporal-schema';
import { TEMPORAL_CONFIG_DIR, temporalServerEnv } from '../../../dev/cluster/temporal-services';
import { loadSandboxConfig } from '../../../dev/sandboxes/config';
import { SYSTEM_NAMES } from '../../../dev/sandboxes/sandboxes';
import { INTEGRATION_SYSTEMS } from '../../../src/config/integrations';
import { loadApiProcessConfig, loadWorkerProcessConfig } from '../../../src/config/processes';
import { startupWarnings } from '../../../src/config/production-refusals';
import { createIntegrations } from '../../../src/wiring/integrations';
import { WORKER_NODE_FLAGS } from '../../../src/worker/heap';
import { NODE24_VERSION } from '../../../dev/tools/node24';
import { RENEWAL_SEARCH_ATTRIBUTES, RENEWAL_TASK_QUEUE } from '../../../workflows/contract';
import {
  type Interpolation,
  interpolateDeep,
  isObject,
  type Json,
  type JsonObject,
} from '../../../dev/tools/compose-interpolation';

/**
 * No Docker engine runs where the tests run, so the production-like topology
 * (docker-compose.yml + Dockerfile) is checked statically: it parses, every
 * reference in it points at something that exists, and it agrees with the code.
 */

const ROOT = path.join(__dirname, '../../..');
const COMPOSE_TEXT = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const DOCKERFILE_TEXT = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
/** The comment block above the first key: the file's documentation, variables included. */
const HEADER = COMPOSE_TEXT.slice(0, COMPOSE_TEXT.search(/^[^#\s]/m));

// ---------------------------------------------------------------------------
// The secrets an operator puts in .env, made as deploy/production.env.example
// says: each `NAME=` line is preceded by a comment `#   NAME=<recipe>`, whose
// `$(openssl rand -base64 N)` stands for N random bytes in base64 and
// `$(git rev-parse --short HEAD)` for a commit.
// ---------------------------------------------------------------------------

const ENV_EXAMPLE_TEXT = readFileSync(path.join(ROOT, 'deploy/production.env.example'), 'utf8');
const ENV_EXAMPLE_NAMES = [...ENV_EXAMPLE_TEXT.matchAll(/^([A-Z][A-Z0-9_]*)=$/gm)].map((match) => match[1]);

function secretsFromExample(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ENV_EXAMPLE_NAMES) {
    const recipe = new RegExp(`^#\\s+${name}=(.+)$`, 'm').exec(ENV_EXAMPLE_TEXT)?.[1];
    if (!recipe) throw new Error(`deploy/production.env.example gives no recipe for ${name}`);
    env[name] = recipe
      .replace(/\$\(openssl rand -(base64|hex) (\d+)\)/g, (_, encoding: 'base64' | 'hex', bytes: string) =>
        randomBytes(Number(bytes)).toString(encoding),
      )
      .replace('$(git rev-parse --short HEAD)', randomBytes(4).toString('hex').slice(0, 7));
  }
  return env;
}

const PRODUCTION_SECRETS = secretsFromExample();

// ---------------------------------------------------------------------------
// The compose file, raw (as written) and resolved with those secrets and no
// other variable (what `docker compose up` does with the example's .env).
// ---------------------------------------------------------------------------

const raw: unknown = parse(COMPOSE_TEXT, { merge: true });
if (!isObject(raw)) throw new Error('docker-compose.yml is not a mapping');
const interpolations: Interpolation[] = [];
const compose = interpolateDeep(raw, PRODUCTION_SECRETS, interpolations) as JsonObject;
const services = (isObject(compose.services) ? compose.services : {}) as Record<string, JsonObject>;
const serviceNames = Object.keys(services);

function service(name: string): JsonObject {
  const found = services[name];
  if (!found) throw new Error(`service ${name} is not defined`);
  return found;
}

/** `environment` as a map, whether written as a map or as a `KEY=value` list. */
function environmentOf(svc: JsonObject): Record<string, string> {
  const env = svc.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const text = String(entry);
        const eq = text.indexOf('=');
        return eq === -1 ? [text, ''] : [text.slice(0, eq), text.slice(eq + 1)];
      }),
    );
  }
  if (isObject(env)) return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value ?? '')]));
  return {};
}

/** `depends_on` targets with their conditions (the short list form means `service_started`). */
function dependenciesOf(svc: JsonObject): Record<string, string> {
  const deps = svc.depends_on;
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [String(name), 'service_started']));
  if (isObject(deps)) {
    return Object.fromEntries(
      Object.entries(deps).map(([name, spec]) => [
        name,
        isObject(spec) && typeof spec.condition === 'string' ? spec.condition : 'service_started',
      ]),
    );
  }
  return {};
}

/** A command (or healthcheck test) as one string, whether written as a list or a string. */
function commandText(value: Json | undefined): string {
  if (Array.isArray(value)) return value.map(String).join(' ');
  return value === undefined || value === null ? '' : String(value);
}

interface PublishedPort {
  service: string;
  hostIp: string;
  hostPort: number;
  protocol: string;
}

/** Host ports a service publishes, from the short (`[ip:]host:container[/proto]`) or long syntax. */
function publishedPorts(name: string): PublishedPort[] {
  const ports = service(name).ports;
  if (!Array.isArray(ports)) return [];
  return ports.flatMap((entry): PublishedPort[] => {
    if (isObject(entry)) {
      if (entry.published === undefined) return [];
      return [
        {
          service: name,
          hostIp: String(entry.host_ip ?? '0.0.0.0'),
          hostPort: Number(entry.published),
          protocol: String(entry.protocol ?? 'tcp'),
        },
      ];
    }
    const [mapping, protocol = 'tcp'] = String(entry).split('/');
    const parts = mapping.split(':');
    // A bare container port publishes on a random host port, which cannot collide.
    if (parts.length < 2) return [];
    const hostPort = Number(parts[parts.length - 2]);
    const hostIp = parts.length > 2 ? parts.slice(0, -2).join(':') : '0.0.0.0';
    return [{ service: name, hostIp, hostPort, protocol }];
  });
}

// ---------------------------------------------------------------------------
// Dockerfile: instructions grouped into stages.
// ---------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let current = '';
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (current === '' && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (current !== '' && trimmed.startsWith('#')) continue;
    if (trimmed.endsWith('\\')) {
      current += `${trimmed.slice(0, -1)} `;
      continue;
    }
    logical.push(current + trimmed);
    current = '';
  }
  if (current !== '') logical.push(current);

  const stages: Stage[] = [];
  for (const line of logical) {
    const match = /^(\w+)\s+(.*)$/s.exec(line);
    if (!match) continue;
    const keyword = match[1].toUpperCase();
    const args = match[2].trim();
    if (keyword === 'FROM') {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Cannot read ${line}`);
      stages.push({ image: from[1], name: from[2], instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword, args });
    }
  }
  return stages;
}

const stages = parseDockerfile(DOCKERFILE_TEXT);
const finalStage = stages[stages.length - 1];

/** Files a `dist/….js` path is compiled from (tsconfig: rootDir `.`, outDir `dist`). */
function sourceOf(distPath: string): string {
  const tsconfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { rootDir: string; outDir: string };
  };
  const { rootDir, outDir } = tsconfig.compilerOptions;
  const relative = path.relative(path.normalize(outDir), path.normalize(distPath.replace(/^\.\//, '')));
  expect(relative.startsWith('..')).toBe(false);
  return path.join(ROOT, rootDir, relative.replace(/\.js$/, '.ts'));
}

function distEntryPoints(text: string): string[] {
  return [...text.matchAll(/(?:\.\/)?dist\/[\w./-]+\.js/g)].map((match) => match[0]);
}

/** The CLI spelling of each search attribute type (`temporal operator search-attribute create --type`). */
const CLI_TYPES: Record<SearchAttributeType, string> = {
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

const APP_SERVICES = ['api', 'worker'];

/** The Temporal cluster's services, by compose service name, as `npm run cluster` runs them too. */
const TEMPORAL_SERVER_SERVICES = ['temporal', 'temporal-history', 'temporal-matching', 'temporal-worker'];

/** The namespace the admin-tools one-shot creates. */
function createdNamespace(): string | undefined {
  const admin = service('temporal-admin-tools');
  const script = [commandText(admin.entrypoint), commandText(admin.command)].join('\n');
  return /temporal operator namespace create --namespace (\S+)/.exec(script)?.[1];
}

describe('docker-compose.yml', () => {
  it('parses to a mapping with services', () => {
    expect(() => parse(COMPOSE_TEXT, { merge: true })).not.toThrow();
    expect(serviceNames.length).toBeGreaterThan(0);
  });

  it('starts with a header telling the embedded default from this production-like topology', () => {
    expect(HEADER).toContain('npm start');
    expect(HEADER).toMatch(/production-like/i);
  });

  it.each([
    'postgresql',
    'temporal',
    'temporal-schema',
    'temporal-admin-tools',
    'temporal-ui',
    'api',
    'worker',
    'sandboxes',
  ])('defines the %s service', (name) => {
    expect(serviceNames).toContain(name);
  });

  it('gives every service an image or a build', () => {
    for (const name of serviceNames) {
      const svc = service(name);
      expect({ name, hasImageOrBuild: svc.image !== undefined || svc.build !== undefined }).toEqual({
        name,
        hasImageOrBuild: true,
      });
    }
  });

  it('pins every image to a tag other than latest', () => {
    for (const name of serviceNames) {
      const image = service(name).image;
      if (image === undefined) continue;
      const ref = String(image);
      const [withoutDigest, digest] = ref.split('@');
      const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
      const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
      expect({ name, ref, pinned: Boolean(digest) || (tag !== undefined && tag !== '' && tag !== 'latest') }).toEqual({
        name,
        ref,
        pinned: true,
      });
    }
  });

  it('uses PostgreSQL 16 with pgBackRest, a pg_isready healthcheck and a named volume', () => {
    const postgres = service('postgresql');
    const build = postgres.build as JsonObject;
    const dockerfile = parseDockerfile(readFileSync(path.join(ROOT, String(build.context), 'Dockerfile'), 'utf8'));
    expect(dockerfile.map((stage) => stage.image)).toEqual([expect.stringMatching(/^postgres:16\.\d+-bookworm$/)]);
    const installs = dockerfile[0].instructions.filter((step) => step.keyword === 'RUN').map((step) => step.args);
    expect(installs.join('\n')).toMatch(/apt-get install [^\n]*\bpgbackrest=2\.45-\d+/);
    expect(String(postgres.image)).toMatch(/^passport-renewal-postgres:16\.\d+-pgbackrest-2\.45$/);
    expect(isObject(postgres.healthcheck) && commandText(postgres.healthcheck.test)).toMatch(/pg_isready/);
    expect(Array.isArray(postgres.volumes) && postgres.volumes.length).toBeGreaterThan(0);
  });

  it('runs Temporal on the PostgreSQL server as its own role, its schema set up first', () => {
    const postgresEnv = environmentOf(service('postgresql'));
    for (const name of TEMPORAL_SERVER_SERVICES) {
      const env = environmentOf(service(name));
      expect({ name, host: env.TEMPORAL_DB_HOST, port: env.TEMPORAL_DB_PORT }).toEqual({
        name,
        host: 'postgresql',
        port: '5432',
      });
      expect(env.TEMPORAL_DB_USER).toBe('temporal');
      expect(env.TEMPORAL_DB_PASSWORD).toBe(postgresEnv.POSTGRES_TEMPORAL_PASSWORD);
      expect(dependenciesOf(service(name))).toEqual({
        'temporal-schema': 'service_completed_successfully',
        'temporal-certs': 'service_completed_successfully',
      });
    }
    expect(dependenciesOf(service('temporal-schema'))).toEqual({ postgresql: 'service_healthy' });
  });

  it.each(APP_SERVICES)('builds %s from the local Dockerfile', (name) => {
    const build = service(name).build;
    const context = typeof build === 'string' ? build : isObject(build) ? String(build.context ?? '.') : undefined;
    const dockerfile = isObject(build) && typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
    expect(context).toBeDefined();
    expect(path.resolve(ROOT, context!)).toBe(path.resolve(ROOT));
    expect(existsSync(path.join(ROOT, context!, dockerfile))).toBe(true);
  });

  it.each(APP_SERVICES)(
    'gives %s DATABASE_URL (its own role) and TEMPORAL_ADDRESS pointing at the services',
    (name) => {
      const env = environmentOf(service(name));
      const postgresEnv = environmentOf(service('postgresql'));
      const databaseUrl = new URL(env.DATABASE_URL);
      expect(databaseUrl.protocol).toBe('postgres:');
      expect(databaseUrl.hostname).toBe('postgresql');
      expect(decodeURIComponent(databaseUrl.username)).toBe(name);
      expect(decodeURIComponent(databaseUrl.password)).toBe(postgresEnv[`POSTGRES_${name.toUpperCase()}_PASSWORD`]);
      expect(databaseUrl.pathname).toBe(`/${postgresEnv.POSTGRES_DB}`);
      expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(env.TEMPORAL_NAMESPACE).toBe(createdNamespace());
      expect(env.TEMPORAL_TASK_QUEUE ?? RENEWAL_TASK_QUEUE).toBe(RENEWAL_TASK_QUEUE);
    },
  );

  it('runs the API and the worker entry points of the image', () => {
    // Without a command of its own, the API runs the image's CMD (checked below).
    const apiCommand = service('api').command;
    if (apiCommand !== undefined) expect(commandText(apiCommand)).toBe('node dist/src/api/main.js');
    // The worker starts with the flags its heap tuning needs on the command line, as `npm run start:worker` does.
    const worker = ['node', ...WORKER_NODE_FLAGS, 'dist/src/worker/main.js'].join(' ');
    expect(commandText(service('worker').command)).toBe(worker);
    expect(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts['start:worker']).toBe(worker);
  });

  it('checks the API readiness over HTTP with node fetch', () => {
    const api = service('api');
    const test = isObject(api.healthcheck) ? commandText(api.healthcheck.test) : '';
    expect(test).toMatch(/\bnode\b.*fetch\(.*\/health\/ready/);
  });

  it('scales the worker and publishes no port for it', () => {
    const worker = service('worker');
    expect(isObject(worker.deploy) && Number(worker.deploy.replicas)).toBeGreaterThanOrEqual(2);
    expect(publishedPorts('worker')).toEqual([]);
    expect(worker.ports ?? []).toEqual([]);
    // A fixed container name would forbid a second replica.
    expect(worker.container_name).toBeUndefined();
  });

  it('points every depends_on at a defined service, with a condition the target can meet', () => {
    for (const name of serviceNames) {
      for (const [target, condition] of Object.entries(dependenciesOf(service(name)))) {
        expect({ name, target, defined: serviceNames.includes(target) }).toEqual({ name, target, defined: true });
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') {
          expect({ name, target, healthcheck: service(target).healthcheck !== undefined }).toEqual({
            name,
            target,
            healthcheck: true,
          });
        }
        if (condition === 'service_completed_successfully') {
          // A one-shot container that restarts would never count as completed.
          expect({ name, target, restart: String(service(target).restart ?? 'no') }).toEqual({
            name,
            target,
            restart: 'no',
          });
        }
      }
    }
  });

  it('has no dependency cycle', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, trail: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') throw new Error(`depends_on cycle: ${[...trail, name].join(' -> ')}`);
      state.set(name, 'visiting');
      for (const target of Object.keys(dependenciesOf(service(name)))) {
        if (services[target]) visit(target, [...trail, name]);
      }
      state.set(name, 'done');
    };
    expect(() => serviceNames.forEach((name) => visit(name, []))).not.toThrow();
  });

  it('starts the API and the worker only after the schema and the search attributes exist', () => {
    for (const name of APP_SERVICES) {
      const deps = dependenciesOf(service(name));
      expect(deps['temporal-admin-tools']).toBe('service_completed_successfully');
      expect(deps.postgresql).toBe('service_healthy');
      const migrations = Object.keys(deps).filter((target) =>
        distEntryPoints(commandText(service(target).command)).some((entry) => entry.includes('persistence')),
      );
      expect(migrations.map((target) => deps[target])).toEqual(['service_completed_successfully']);
    }
  });

  it('gives every ${VAR} interpolation a default or documents it in the header', () => {
    expect(interpolations.length).toBeGreaterThan(0);
    for (const { name, operator } of interpolations) {
      const hasDefault = operator === ':-' || operator === '-';
      const documented = new RegExp(`\\b${name}\\b`).test(HEADER);
      expect({ name, hasDefaultOrDocumented: hasDefault || documented }).toEqual({
        name,
        hasDefaultOrDocumented: true,
      });
    }
  });

  it('takes secrets from the environment, required', () => {
    expect(COMPOSE_TEXT).toMatch(/\$\{POSTGRES_PASSWORD:\?[^}]+\}/);
    expect(COMPOSE_TEXT).not.toMatch(/\$\{POSTGRES_PASSWORD:-/);
    expect(COMPOSE_TEXT).not.toMatch(/(POSTGRES_PASSWORD|POSTGRES_PWD):\s*['"]?[A-Za-z0-9]+['"]?\s*$/m);
  });

  it('declares every named volume it mounts', () => {
    const declared = Object.keys(isObject(compose.volumes) ? compose.volumes : {});
    for (const name of serviceNames) {
      const volumes = service(name).volumes;
      if (!Array.isArray(volumes)) continue;
      for (const volume of volumes) {
        let source: string | undefined;
        if (isObject(volume)) {
          source = volume.type === 'volume' && typeof volume.source === 'string' ? volume.source : undefined;
        } else {
          const parts = String(volume).split(':');
          // `target` alone is an anonymous volume; `./x`, `/x`, `~/x` are bind mounts.
          source = parts.length > 1 && !/^[./~]/.test(parts[0]) ? parts[0] : undefined;
        }
        if (source === undefined) continue;
        expect({ name, source, declared: declared.includes(source) }).toEqual({ name, source, declared: true });
      }
    }
  });

  it('registers exactly the renewal search attributes, with their types, after Temporal is up', () => {
    const admin = service('temporal-admin-tools');
    expect(Object.keys(dependenciesOf(admin))).toContain('temporal');
    expect(environmentOf(admin).TEMPORAL_ADDRESS).toBe('temporal:7233');
    const script = [commandText(admin.entrypoint), commandText(admin.command)].join('\n');
    const creates = [...script.matchAll(/temporal operator search-attribute create([^\n]*)/g)].map((match) => {
      const option = (flag: string) => new RegExp(`--${flag}[ =](\\S+)`).exec(match[1])?.[1];
      return { name: option('name'), type: option('type'), namespace: option('namespace') };
    });
    const namespace = environmentOf(service('api')).TEMPORAL_NAMESPACE;
    const expected = RENEWAL_SEARCH_ATTRIBUTES.map((key) => ({ name: key.name, type: CLI_TYPES[key.type], namespace }));
    expect(creates).toHaveLength(6);
    expect(creates).toEqual(expect.arrayContaining(expected));
    expect(expected).toEqual(expect.arrayContaining(creates));
    expect(new Set(creates.map((create) => create.name)).size).toBe(creates.length);
    expect(creates.map(({ name, type }) => `${name}=${type}`).sort()).toEqual([
      'DeliveryMethod=Keyword',
      'OfficeId=Keyword',
      'Overdue=Bool',
      'RenewalStage=Keyword',
      'SlaBreached=Bool',
      'StageDeadline=Datetime',
    ]);
  });

  it('sets the namespace retention explicitly, on creation and on every start, to the launchers’ default', () => {
    const admin = service('temporal-admin-tools');
    const script = [commandText(admin.entrypoint), commandText(admin.command)].join('\n');
    const retentions = [...script.matchAll(/temporal operator namespace (create|update) [^\n]*--retention (\S+)/g)];
    expect(retentions.map((match) => match[1])).toEqual(['create', 'update']);
    for (const match of retentions) expect(match[2]).toBe(DEFAULT_NAMESPACE_RETENTION);
    // The CLI's spelling is one the launchers read as the same 30 days.
    expect(loadNamespaceRetentionMs({ TEMPORAL_NAMESPACE_RETENTION: retentions[0][2] })).toBe(30 * 86_400_000);
    expect(loadNamespaceRetentionMs({})).toBe(30 * 86_400_000);
  });

  it('runs Temporal behind mutual TLS: certificates from the init step, each client with its own identity', () => {
    expect(COMPOSE_TEXT).not.toMatch(/allow-no-auth/);
    const certs = service('temporal-certs');
    expect(commandText(certs.command)).toMatch(/make-certs\.sh \/tls\b/);
    expect(certs.volumes).toEqual(['temporal-tls:/tls']);
    expect(existsSync(path.join(TEMPORAL_CONFIG_DIR, 'tls', 'make-certs.sh'))).toBe(true);
    for (const name of TEMPORAL_SERVER_SERVICES) {
      const deps = service(name).depends_on as Record<string, { condition: string }>;
      expect({ name, certs: deps['temporal-certs']?.condition }).toEqual({
        name,
        certs: 'service_completed_successfully',
      });
      expect(environmentOf(service(name)).TEMPORAL_TLS_DIR).toBe('/etc/temporal/tls');
    }
    const identities: Record<string, string> = {
      api: 'passport-api',
      worker: 'passport-worker',
      'temporal-admin-tools': 'temporal-admin',
      'worker-version': 'temporal-admin',
    };
    for (const [name, identity] of Object.entries(identities)) {
      const env = environmentOf(service(name));
      expect({ name, volumes: service(name).volumes }).toEqual({
        name,
        volumes: ['temporal-tls:/etc/temporal/tls:ro'],
      });
      expect({
        name,
        env: Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('TEMPORAL_TLS_'))),
      }).toEqual({
        name,
        env: {
          TEMPORAL_TLS_CLIENT_CERT_PATH: `/etc/temporal/tls/${identity}.pem`,
          TEMPORAL_TLS_CLIENT_KEY_PATH: `/etc/temporal/tls/${identity}.key`,
          TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/etc/temporal/tls/clients-ca.pem',
          TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend',
        },
      });
    }
    // The product reads the same variables (src/config/temporal.ts), and refuses to run without them in production.
    expect(loadTemporalConfig({ ...environmentOf(service('api')), NODE_ENV: 'production' }).tls?.certPath).toBe(
      '/etc/temporal/tls/passport-api.pem',
    );
    const ui = environmentOf(service('temporal-ui'));
    expect(ui).toMatchObject({
      TEMPORAL_TLS_CA: '/etc/temporal/tls/clients-ca.pem',
      TEMPORAL_TLS_CERT: '/etc/temporal/tls/temporal-ui.pem',
      TEMPORAL_TLS_KEY: '/etc/temporal/tls/temporal-ui.key',
      TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend',
    });
  });

  it('runs versioned workers of the build deployed, and makes that version current once they poll', () => {
    const worker = environmentOf(service('worker'));
    const buildId = PRODUCTION_SECRETS.TEMPORAL_BUILD_ID;
    expect(worker).toMatchObject({ TEMPORAL_DEPLOYMENT_NAME: 'passport-renewal', TEMPORAL_BUILD_ID: buildId });
    const build = service('worker').build as JsonObject;
    expect(build.args).toEqual({ TEMPORAL_BUILD_ID: buildId });
    expect(DOCKERFILE_TEXT).toMatch(/^ARG TEMPORAL_BUILD_ID=$/m);
    const promote = service('worker-version');
    expect(dependenciesOf(promote)).toEqual({ worker: 'service_started' });
    expect(environmentOf(promote)).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_BUILD_ID: buildId });
    expect(commandText(promote.command)).toMatch(
      /temporal worker deployment set-current-version --deployment-name passport-renewal\s+\\?\s*--build-id "\$TEMPORAL_BUILD_ID" --yes/,
    );
  });

  it('points the Temporal UI at the API codec endpoint', () => {
    const ui = service('temporal-ui');
    const env = environmentOf(ui);
    expect(String(ui.image)).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+/);
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    // The UI hands a person's token to an https codec only: the codec-tls front, on the loopback interface.
    const codecPort = publishedPorts('codec-tls')[0];
    expect(codecPort).toMatchObject({ hostIp: '127.0.0.1', hostPort: 3443 });
    expect(service('codec-tls').ports).toEqual(['127.0.0.1:3443:8443']);
    expect(env.TEMPORAL_CODEC_ENDPOINT).toBe(`https://localhost:${codecPort.hostPort}/codec`);
    expect(publishedPorts('temporal-ui').map((port) => port.hostPort)).toEqual([8080]);
    const uiSection = COMPOSE_TEXT.slice(0, COMPOSE_TEXT.indexOf('\n  temporal-ui:'));
    expect(uiSection.slice(uiSection.lastIndexOf('\n\n'))).toMatch(/authentication/i);
  });

  it("has the UI forward the operator's token to the codec, which allows the UI's origin only", () => {
    const ui = environmentOf(service('temporal-ui'));
    expect(ui.TEMPORAL_CODEC_PASS_ACCESS_TOKEN).toBe('true');
    const uiHostPort = publishedPorts('temporal-ui')[0].hostPort;
    expect(environmentOf(service('api')).CODEC_CORS_ORIGINS).toBe(`http://localhost:${uiHostPort}`);
    // Only `npm start` trusts its own UI without a token, and it does so by value: no variable can turn it on.
    expect(COMPOSE_TEXT).not.toMatch(/LOCAL_UI|TRUST/i);
  });

  it("signs people in to the Temporal UI at the API's provider, as its confidential client", () => {
    const ui = environmentOf(service('temporal-ui'));
    const uiHostPort = publishedPorts('temporal-ui')[0].hostPort;
    expect(ui).toMatchObject({
      TEMPORAL_AUTH_ENABLED: 'true',
      TEMPORAL_AUTH_TYPE: 'oidc',
      TEMPORAL_AUTH_PROVIDER_URL: environmentOf(service('api')).OIDC_ISSUER_URL,
      TEMPORAL_AUTH_CLIENT_ID: 'temporal-ui',
      TEMPORAL_AUTH_CLIENT_SECRET: PRODUCTION_SECRETS.TEMPORAL_UI_CLIENT_SECRET,
      TEMPORAL_AUTH_CALLBACK_URL: `http://localhost:${uiHostPort}/auth/sso/callback`,
      TEMPORAL_CODEC_INCLUDE_CREDENTIALS: 'false',
    });
    expect(String(ui.TEMPORAL_AUTH_SCOPES).split(',')).toContain('openid');
    // The server lets in the people of that token: the API's audience and role claim (deploy/temporal/server).
    for (const name of TEMPORAL_SERVER_SERVICES) {
      expect({ name, ...environmentOf(service(name)) }).toMatchObject({
        name,
        TEMPORAL_AUTH_AUDIENCE: loadOidcConfig({}).audience,
        TEMPORAL_AUTH_ROLE_CLAIM: 'role',
      });
    }
  });

  it('ends TLS for the codec at a front that passes /codec/ to the API and nothing else', () => {
    const front = service('codec-tls');
    expect(String(front.image)).toMatch(/^nginx:\d+\.\d+\.\d+-alpine$/);
    expect(dependenciesOf(front)).toEqual({
      'temporal-certs': 'service_completed_successfully',
      api: 'service_started',
    });
    expect(front.volumes).toEqual([
      './deploy/codec-tls/nginx.conf:/etc/nginx/nginx.conf:ro',
      'temporal-tls:/etc/temporal/tls:ro',
    ]);
    const conf = readFileSync(path.join(ROOT, 'deploy', 'codec-tls', 'nginx.conf'), 'utf8');
    expect(conf).toMatch(/listen 8443 ssl;/);
    expect(conf).toMatch(/ssl_certificate \/etc\/temporal\/tls\/codec\.pem;/);
    expect(conf).toMatch(/ssl_certificate_key \/etc\/temporal\/tls\/codec\.key;/);
    expect([...conf.matchAll(/proxy_pass (\S+);/g)].map((match) => match[1])).toEqual(['http://api:3000']);
    expect(conf).toMatch(/location \/codec\/ \{/);
    expect(conf).toMatch(/location \/ \{\s*return 404;/);
    // make-certs.sh makes that certificate, with its own CA, apart from Temporal's.
    const makeCerts = readFileSync(path.join(TEMPORAL_CONFIG_DIR, 'tls', 'make-certs.sh'), 'utf8');
    expect(makeCerts).toMatch(/^leaf codec web-ca passport-codec serverAuth yes$/m);
  });

  it('requires every secret of deploy/production.env.example, and no other, with none committed', () => {
    const required = [...new Set(interpolations.filter((use) => use.operator === ':?').map((use) => use.name))];
    expect(required.sort()).toEqual([...ENV_EXAMPLE_NAMES].sort());
    for (const name of required) {
      const { [name]: _missing, ...others } = PRODUCTION_SECRETS;
      expect(() => interpolateDeep(raw as Json, others, [])).toThrow(`${name} is required`);
    }
    expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
    expect(readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^\.env$/m);
  });

  it.each([
    ['api', loadApiProcessConfig],
    ['worker', loadWorkerProcessConfig],
  ])("starts %s under the image's NODE_ENV=production with those secrets", (name, load) => {
    const imageEnv = Object.fromEntries(
      finalStage.instructions
        .filter((instruction) => instruction.keyword === 'ENV')
        .flatMap((instruction) => [...instruction.args.matchAll(/(\w+)=(\S+)/g)].map((match) => [match[1], match[2]])),
    );
    expect(imageEnv.NODE_ENV).toBe('production');
    const env = { ...imageEnv, ...environmentOf(service(name)) };
    expect(() => load(env)).not.toThrow();
    // Its partners are the simulator over HTTP, which the stack declares (staging): every start says so.
    expect(startupWarnings(load(env))).toEqual([expect.stringMatching(/^ALLOW_SANDBOX_PARTNERS=true/)]);
    // Without the declaration, a partner left on the in-process simulator is refused by name.
    const undeclared = { ...env, ALLOW_SANDBOX_PARTNERS: 'false', INTEGRATION_SMS_MODE: 'sandbox' };
    expect(() => load(undeclared)).toThrow(/INTEGRATION_SMS_MODE is "sandbox"/);
    // Without them (as before), the image refuses to start: the check is real.
    const withoutSecrets = Object.fromEntries(Object.entries(env).filter(([key]) => !ENV_EXAMPLE_NAMES.includes(key)));
    expect(() => load(withoutSecrets)).toThrow(/in production/);
  });

  it.each([
    ['api', loadApiProcessConfig],
    ['worker', loadWorkerProcessConfig],
  ])('has %s call every partner over HTTP, here the partner simulator’s service', (name, load) => {
    const env = environmentOf(service(name));
    const sandboxes = loadSandboxConfig(environmentOf(service('sandboxes')));
    const { integrations } = load({ ...env, NODE_ENV: 'production' });
    // The product's images run no sandbox: a system left on `sandbox` would stop the process at start-up.
    expect(() => createIntegrations(integrations)).not.toThrow();
    for (const system of INTEGRATION_SYSTEMS) {
      expect(integrations.systems[system]).toMatchObject({
        mode: 'http',
        http: { baseUrl: `http://sandboxes:${sandboxes.httpPort}/${SYSTEM_NAMES[system]}` },
      });
    }
    expect(dependenciesOf(service(name)).sandboxes).toBe('service_started');
  });

  it('runs the partner simulator from an image of its own, sending its webhooks to the API with its secrets', () => {
    const sandboxes = service('sandboxes');
    const build = sandboxes.build;
    expect(isObject(build) && build.dockerfile).toBe('dev/sandboxes/Dockerfile');
    expect(String(sandboxes.image)).not.toBe(String(service('api').image));
    expect(commandText(sandboxes.command)).toBe('node dist/dev/sandboxes/main.js');
    const config = loadSandboxConfig({ ...environmentOf(sandboxes), NODE_ENV: 'production' });
    // Reachable from the other containers, published on no host port.
    expect(config.httpHost).toBe('0.0.0.0');
    expect(publishedPorts('sandboxes')).toEqual([]);
    expect(config.webhooks.baseUrl).toBe(`http://api:${environmentOf(service('api')).PORT}`);
    const api = loadApiProcessConfig({ ...environmentOf(service('api')), NODE_ENV: 'production' });
    expect(config.webhooks.secrets).toEqual(api.api.webhookSecrets);
    expect(new URL(config.databaseUrl!).hostname).toBe('postgresql');
    expect(dependenciesOf(sandboxes)).toEqual({ postgresql: 'service_healthy' });
  });

  it('publishes the API on port 3000', () => {
    expect(publishedPorts('api').map((port) => port.hostPort)).toEqual([3000]);
  });

  it('publishes no host port twice', () => {
    const all = serviceNames.flatMap(publishedPorts);
    for (const port of all) {
      expect(Number.isInteger(port.hostPort) && port.hostPort > 0).toBe(true);
    }
    // Stricter than Docker (which allows the same port on different addresses): one port, one service.
    const keys = all.map((port) => `${port.hostPort}/${port.protocol}`);
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(duplicates).toEqual([]);
  });

  it('runs only entry points the build produces', () => {
    const referenced = serviceNames.flatMap((name) => {
      const svc = service(name);
      const healthcheck = isObject(svc.healthcheck) ? commandText(svc.healthcheck.test) : '';
      return distEntryPoints([commandText(svc.entrypoint), commandText(svc.command), healthcheck].join(' '));
    });
    expect(referenced).toEqual(expect.arrayContaining(['dist/src/api/main.js', 'dist/src/worker/main.js']));
    expect(referenced.some((entry) => entry.includes('/persistence/'))).toBe(true);
    for (const entry of referenced) {
      const source = sourceOf(entry);
      expect({ entry, source: path.relative(ROOT, source), exists: existsSync(source) }).toEqual({
        entry,
        source: path.relative(ROOT, source),
        exists: true,
      });
    }
  });
});

describe('the monitoring of docker-compose.yml: Prometheus and Grafana', () => {
  /** The host file a service mounts at `target` (read-only bind mounts of the repository). */
  function mountedAt(name: string, target: string): string | undefined {
    for (const volume of Array.isArray(service(name).volumes) ? (service(name).volumes as Json[]) : []) {
      const [source, at] = String(volume).split(':');
      if (at === target && source.startsWith('./')) return path.join(ROOT, source);
    }
    return undefined;
  }
  const prometheusConfig = () =>
    parse(readFileSync(mountedAt('prometheus', '/etc/prometheus/prometheus.yml')!, 'utf8'));

  it('defines Prometheus and Grafana with pinned images, on the loopback interface only', () => {
    for (const name of ['prometheus', 'grafana']) {
      expect(String(service(name).image)).toMatch(/^(prom\/prometheus|grafana\/grafana):v?\d+\.\d+\.\d+$/);
      for (const port of (service(name).ports ?? []) as Json[]) expect(String(port)).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('mounts the Prometheus configuration and alert rules from the repository', () => {
    const config = prometheusConfig();
    const rules = mountedAt('prometheus', '/etc/prometheus/alerts.yml');
    expect(rules && existsSync(rules)).toBe(true);
    expect(config.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    const groups = parse(readFileSync(rules!, 'utf8')).groups as Array<{
      rules: Array<{ alert: string; expr: string }>;
    }>;
    expect(groups.flatMap((group) => group.rules).length).toBeGreaterThanOrEqual(8);
  });

  it('scrapes the API and every worker replica on the port the worker serves its metrics on', () => {
    const jobs = prometheusConfig().scrape_configs as Array<{ metrics_path: string; dns_sd_configs: JsonObject[] }>;
    const targets = jobs.flatMap((job) =>
      job.dns_sd_configs.flatMap((sd) => (sd.names as string[]).map((host) => `${host}:${sd.port}${job.metrics_path}`)),
    );
    const workerPort = environmentOf(service('worker')).WORKER_METRICS_PORT;
    expect(workerPort).toBe('9464');
    expect(targets).toEqual(
      expect.arrayContaining([
        `api-admin:${environmentOf(service('api')).ADMIN_PORT}/metrics`,
        `worker:${workerPort}/metrics`,
      ]),
    );
  });

  it('scrapes the API on its admin listener, which only Prometheus reaches', () => {
    const api = service('api');
    const env = environmentOf(api);
    expect(env.ADMIN_PORT).toBe('9465');
    expect(env.ADMIN_PORT).not.toBe(env.PORT);
    // Bound to the API's address on the admin network, where it is `api-admin`; never published.
    const onAdmin = (api.networks as JsonObject).admin as JsonObject;
    expect(onAdmin).toMatchObject({ ipv4_address: env.ADMIN_HOST, aliases: ['api-admin'] });
    expect(publishedPorts('api').map((port) => port.hostPort)).toEqual([3000]);
    expect(JSON.stringify(api.ports)).not.toContain('9465');
    // The admin network: internal, its subnet holding that address, and only the API and Prometheus on it.
    const admin = (compose.networks as JsonObject).admin as JsonObject;
    expect(admin.internal).toBe(true);
    const subnet = String((((admin.ipam as JsonObject).config as JsonObject[])[0] as JsonObject).subnet);
    expect(env.ADMIN_HOST.split('.').slice(0, 3).join('.')).toBe(subnet.split('.').slice(0, 3).join('.'));
    const members = serviceNames.filter(
      (name) => isObject(service(name).networks) && 'admin' in (service(name).networks as JsonObject),
    );
    expect(members.sort()).toEqual(['api', 'prometheus']);
    // Prometheus is on both: the admin network for the API, the default one for the workers.
    expect(Object.keys(service('prometheus').networks as JsonObject).sort()).toEqual(['admin', 'default']);
  });

  it('provisions Grafana with Prometheus and the committed dashboard', () => {
    const provisioning = mountedAt('grafana', '/etc/grafana/provisioning')!;
    const dashboards = mountedAt('grafana', '/var/lib/grafana/dashboards')!;
    const datasource = parse(readFileSync(path.join(provisioning, 'datasources', 'prometheus.yml'), 'utf8'));
    expect(datasource.datasources[0]).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
    const provider = parse(readFileSync(path.join(provisioning, 'dashboards', 'dashboards.yml'), 'utf8'));
    expect(provider.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    const dashboard = JSON.parse(readFileSync(path.join(dashboards, 'passport-renewals.json'), 'utf8'));
    const titles: string[] = dashboard.panels.map((panel: { title: string }) => panel.title);
    for (const topic of [
      /by stage/,
      /Throughput/,
      /Stage latency/,
      /SLA breaches/,
      /Worker task latency/,
      /Worker slots/,
    ]) {
      expect(titles.some((title) => topic.test(title))).toBe(true);
    }
    for (const panel of dashboard.panels) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: datasource.datasources[0].uid });
    }
  });
});

describe('Dockerfile', () => {
  it('is a multi-stage build on a pinned Node 24 LTS Debian slim image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.map((stage) => stage.name)).toEqual(expect.arrayContaining(['build', 'runtime']));
    for (const stage of stages) {
      expect({ stage: stage.name, image: stage.image }).toEqual({
        stage: stage.name,
        image: expect.stringMatching(/^node:24\.\d+\.\d+-(trixie|bookworm)-slim(@sha256:[0-9a-f]{64})?$/),
      });
    }
  });

  it('builds and runs on one image, the Node release CI runs the suite on', () => {
    // Dependencies installed (and native modules chosen) in the build stage run unchanged in the runtime stage.
    expect(new Set(stages.map((stage) => stage.image)).size).toBe(1);
    expect(/^node:(\d+\.\d+\.\d+)-/.exec(finalStage.image)?.[1]).toBe(NODE24_VERSION);
  });

  it('installs with npm ci, builds, and keeps only production dependencies', () => {
    const buildSteps = stages
      .slice(0, -1)
      .flatMap((stage) => stage.instructions)
      .filter((instruction) => instruction.keyword === 'RUN')
      .map((instruction) => instruction.args)
      .join('\n');
    expect(buildSteps).toMatch(/\bnpm ci\b/);
    expect(buildSteps).toMatch(/\bnpm run build\b/);
    expect(buildSteps).toMatch(/\bnpm (prune|ci) [^\n]*--omit=dev\b/);
  });

  it('copies into the build every folder tsconfig.build.json compiles', () => {
    const buildConfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    // The worker bundles dist/workflows at start, so workflows/ must be compiled into the image.
    expect(buildConfig.include).toContain('workflows');
    const copied = stages
      .slice(0, -1)
      .flatMap((stage) => stage.instructions)
      .filter((instruction) => instruction.keyword === 'COPY')
      .flatMap((instruction) => instruction.args.split(/\s+/).slice(0, -1))
      .map((source) => source.replace(/^\.\//, '').replace(/\/$/, ''));
    for (const folder of buildConfig.include) {
      expect({ folder, copied: copied.includes(folder) || copied.includes('.') }).toEqual({ folder, copied: true });
    }
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
  });

  it('ships the compiled code and production dependencies in the final stage', () => {
    const copies = finalStage.instructions.filter((instruction) => instruction.keyword === 'COPY');
    const fromBuild = copies.filter((instruction) => /--from=\S+/.test(instruction.args)).map((i) => i.args);
    expect(fromBuild.some((args) => /\/dist\s+\S*dist\b/.test(args))).toBe(true);
    expect(fromBuild.some((args) => /\/node_modules\s+\S*node_modules\b/.test(args))).toBe(true);
    expect(fromBuild.some((args) => /package\.json/.test(args))).toBe(true);
  });

  it('runs the final stage as a non-root user', () => {
    const users = finalStage.instructions.filter((instruction) => instruction.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].args.split(':')[0];
    expect(['root', '0']).not.toContain(user);
    // USER must come before CMD to apply to the process, and no RUN after it may need root.
    const keywords = finalStage.instructions.map((instruction) => instruction.keyword);
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.lastIndexOf('CMD'));
  });

  it('starts the API by default, from a file the build produces', () => {
    const cmds = finalStage.instructions.filter((instruction) => instruction.keyword === 'CMD');
    expect(cmds).toHaveLength(1);
    expect(JSON.parse(cmds[0].args)).toEqual(['node', 'dist/src/api/main.js']);
    const entrypoints = finalStage.instructions.filter((instruction) => instruction.keyword === 'ENTRYPOINT');
    for (const entry of distEntryPoints([...cmds, ...entrypoints].map((instruction) => instruction.args).join(' '))) {
      expect(existsSync(sourceOf(entry))).toBe(true);
    }
    expect(existsSync(path.join(ROOT, 'src/api/main.ts'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'src/worker/main.ts'))).toBe(true);
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('keeps host builds, dependencies and local state out of the build context', () => {
    expect(ignored).toEqual(
      expect.arrayContaining(['node_modules', 'dist', '.data', '.tools', 'tmp', '.git', 'coverage']),
    );
  });

  it('does not hide what the build needs', () => {
    for (const needed of ['src', 'workflows', 'activities', 'package.json', 'package-lock.json', 'tsconfig.json']) {
      expect(ignored).not.toContain(needed);
    }
  });
});

describe('the Temporal cluster of docker-compose.yml and npm run cluster', () => {
  const TEMPLATE = readFileSync(path.join(TEMPORAL_CONFIG_DIR, 'config', 'temporal.yaml'), 'utf8');
  /** Every variable the server's configuration template reads. */
  const templateVariables = new Set([...TEMPLATE.matchAll(/env "([A-Z0-9_]+)"/g)].map((match) => match[1]));

  it('is the pinned server version, with admin tools of the same version, and no auto-setup image', () => {
    for (const name of serviceNames)
      expect({ name, image: String(service(name).image) }).not.toMatchObject({
        image: expect.stringMatching(/auto-setup/),
      });
    // This project's server (deploy/temporal/server), built by compose at the pinned Temporal version.
    const goMod = readFileSync(path.join(TEMPORAL_CONFIG_DIR, 'server', 'go.mod'), 'utf8');
    expect(goMod).toMatch(
      new RegExp(`^\\s*go\\.temporal\\.io/server v${TEMPORAL_SERVER_VERSION.replace(/\./g, '\\.')}$`, 'm'),
    );
    for (const name of TEMPORAL_SERVER_SERVICES) {
      expect({ name, image: service(name).image, build: service(name).build }).toEqual({
        name,
        image: 'passport-temporal-server:local',
        build: { context: './deploy/temporal', dockerfile: 'server/Dockerfile' },
      });
    }
    expect(existsSync(path.join(TEMPORAL_CONFIG_DIR, 'server', 'Dockerfile'))).toBe(true);
    for (const name of ['temporal-schema', 'temporal-admin-tools']) {
      expect(String(service(name).image)).toMatch(
        new RegExp(`^temporalio/admin-tools:${TEMPORAL_SERVER_VERSION.replace(/\./g, '\\.')}(-|$)`),
      );
    }
    expect(String(service('temporal-ui').image)).toBe(`temporalio/ui:${TEMPORAL_UI_VERSION}`);
  });

  it('runs frontend, history, matching and worker as separate services on the committed configuration', () => {
    const roles = TEMPORAL_SERVER_SERVICES.map((name) => {
      const svc = service(name);
      const command = `${commandText(svc.entrypoint)} ${commandText(svc.command)}`;
      expect(command).toMatch(
        /^temporal-server --root \/etc\/temporal\/deploy --config config --env temporal .*\bstart --service \w+$/,
      );
      expect(svc.volumes).toEqual(['./deploy/temporal:/etc/temporal/deploy:ro', 'temporal-tls:/etc/temporal/tls:ro']);
      return /--service (\w+)$/.exec(command)![1];
    });
    expect(roles).toEqual(['frontend', 'history', 'matching', 'worker']);
    // The mounted folder is the one the launcher runs the server with.
    expect(path.resolve(ROOT, 'deploy/temporal')).toBe(TEMPORAL_CONFIG_DIR);
    expect(existsSync(path.join(TEMPORAL_CONFIG_DIR, 'dynamicconfig', 'temporal.yaml'))).toBe(true);
    expect(environmentOf(service('temporal')).TEMPORAL_DYNAMIC_CONFIG_FILE).toBe(
      '/etc/temporal/deploy/dynamicconfig/temporal.yaml',
    );
  });

  it('sets only variables the configuration reads, as the launcher does', () => {
    expect(TEMPLATE.split('\n').slice(0, 3).join('\n')).toMatch(/^# enable-template/m);
    for (const name of TEMPORAL_SERVER_SERVICES) {
      // TEMPORAL_AUTH_* are the server binary's own (deploy/temporal/server/authorization.go).
      const unknown = Object.keys(environmentOf(service(name))).filter(
        (key) => !templateVariables.has(key) && !key.startsWith('TEMPORAL_AUTH_'),
      );
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
    const options = { ...loadClusterOptions({}), dataDir: '/tmp/unused' };
    const tls = { dir: '/tmp/unused/tls', client: () => ({ certPath: '', keyPath: '', caPath: '', serverName: '' }) };
    // TEMPORAL_AUTH_* are the server binary's own (deploy/temporal/server), not the configuration's.
    const launcherVariables = Object.keys(
      temporalServerEnv(options, { user: 'temporal', password: 'unused' }, tls),
    ).filter((key) => key.startsWith('TEMPORAL_') && !key.startsWith('TEMPORAL_AUTH_'));
    expect(launcherVariables.filter((key) => !templateVariables.has(key))).toEqual([]);
    expect(Number(environmentOf(service('temporal')).TEMPORAL_NUM_HISTORY_SHARDS)).toBeGreaterThan(1);
  });

  it('gives each service a fixed address on the network, which it broadcasts to its peers', () => {
    const ipam = (compose.networks as JsonObject).default as JsonObject;
    const { subnet, ip_range: range } = ((ipam.ipam as JsonObject).config as JsonObject[])[0] as Record<string, string>;
    const inRange = (address: string, cidr: string) => {
      const [base, bits] = cidr.split('/');
      const toNumber = (ip: string) => ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
      const mask = 2 ** 32 - 2 ** (32 - Number(bits));
      return (toNumber(address) & mask) >>> 0 === (toNumber(base) & mask) >>> 0;
    };
    const addresses = TEMPORAL_SERVER_SERVICES.map((name) => {
      const svc = service(name);
      const address = String(((svc.networks as JsonObject).default as JsonObject).ipv4_address);
      expect({ name, broadcast: environmentOf(svc).TEMPORAL_BROADCAST_ADDRESS }).toEqual({ name, broadcast: address });
      expect({ name, inSubnet: inRange(address, subnet), outsideDynamicRange: !inRange(address, range) }).toEqual({
        name,
        inSubnet: true,
        outsideDynamicRange: true,
      });
      expect(environmentOf(svc).TEMPORAL_BIND_ON_IP).toBe('0.0.0.0');
      return address;
    });
    expect(new Set(addresses).size).toBe(addresses.length);
    // Only the frontend is published: clients reach the cluster through it alone.
    expect(publishedPorts('temporal').map((port) => port.hostPort)).toEqual([7233]);
    for (const name of TEMPORAL_SERVER_SERVICES.slice(1)) expect(publishedPorts(name)).toEqual([]);
  });

  it('sets up both schemas with temporal-sql-tool, as the launcher does', () => {
    const script = commandText(service('temporal-schema').command);
    for (const { database, schema } of TEMPORAL_DATABASES) {
      const steps = [...script.matchAll(new RegExp(`temporal-sql-tool --database ${database} (.*)`, 'g'))].map(
        (m) => m[1],
      );
      // No create-database: the databases are made with their owner on PostgreSQL's first start.
      expect(steps).toEqual(['setup-schema -v 0.0', `update-schema -d "$schema/${schema}/versioned"`]);
    }
    expect(script).toContain('schema=/etc/temporal/schema/postgresql/v12');
    expect(environmentOf(service('temporal-schema'))).toMatchObject({
      SQL_PLUGIN: 'postgres12',
      SQL_HOST: 'postgresql',
      SQL_USER: 'temporal',
      SQL_PASSWORD: environmentOf(service('postgresql')).POSTGRES_TEMPORAL_PASSWORD,
    });
  });
});

describe('the database roles of docker-compose.yml', () => {
  const INITDB = readFileSync(path.join(ROOT, 'deploy/postgres/initdb/10-roles.sh'), 'utf8');
  const created = [...INITDB.matchAll(/^CREATE ROLE (\w+) (LOGIN|NOLOGIN)/gm)];
  const logins = created.filter((match) => match[2] === 'LOGIN').map((match) => match[1]);

  /** The role and password each service connects with. */
  function connectsAs(name: string): { user: string; password: string } {
    const env = environmentOf(service(name));
    if (env.DATABASE_URL) {
      const url = new URL(env.DATABASE_URL);
      return { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    }
    if (env.SQL_USER) return { user: env.SQL_USER, password: env.SQL_PASSWORD };
    return { user: env.TEMPORAL_DB_USER, password: env.TEMPORAL_DB_PASSWORD };
  }

  it('runs no service as the superuser: each connects as the role made for it, with a password of its own', () => {
    const postgres = environmentOf(service('postgresql'));
    const users = Object.fromEntries(
      ['migrate', 'api', 'worker', 'sandboxes', 'temporal-schema', ...TEMPORAL_SERVER_SERVICES].map((name) => [
        name,
        connectsAs(name),
      ]),
    );
    for (const [name, { user, password }] of Object.entries(users)) {
      expect({ name, user, superuser: user === postgres.POSTGRES_USER }).toEqual({ name, user, superuser: false });
      expect({ name, madeOnFirstStart: logins.includes(user) }).toEqual({ name, madeOnFirstStart: true });
      // The password the first start gave the role (the script reads POSTGRES_<ROLE>_PASSWORD).
      expect({ name, password }).toEqual({ name, password: postgres[`POSTGRES_${user.toUpperCase()}_PASSWORD`] });
      expect(password).not.toBe(postgres.POSTGRES_PASSWORD);
    }
    expect(users.migrate.user).toBe('migrator');
    // The same roles as the launchers make (dev/infra/database-roles.ts), so the docs name one set.
    expect([...logins].sort()).toEqual([...LOGIN_ROLES].sort());
    expect(new Set(logins.map((user) => postgres[`POSTGRES_${user.toUpperCase()}_PASSWORD`])).size).toBe(logins.length);
  });

  it('makes the group roles the migrations grant to, the databases owned by their roles, and no other way in', () => {
    const groups = created.filter((match) => match[2] === 'NOLOGIN').map((match) => match[1]);
    expect(groups.sort()).toEqual(Object.keys(GROUP_ROLES).sort());
    for (const [group, member] of Object.entries(GROUP_ROLES)) expect(INITDB).toContain(`GRANT ${group} TO ${member};`);
    expect(INITDB).toContain('ALTER DATABASE :"app_db" OWNER TO migrator;');
    for (const { database } of TEMPORAL_DATABASES) {
      expect(INITDB).toContain(`CREATE DATABASE ${database} OWNER temporal;`);
      expect(INITDB).toContain(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC;`);
    }
    expect(INITDB).toContain('REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;');
    expect(INITDB).toContain('CREATE SCHEMA sandbox AUTHORIZATION sandboxes;');
    expect(INITDB).not.toMatch(/SUPERUSER|CREATEROLE|CREATEDB/);
    // It reads what the postgresql service gives it, and mounts where the image runs it on a first start.
    const read = [...INITDB.matchAll(/"\$(POSTGRES_\w+)"/g)].map((match) => match[1]);
    for (const variable of read) expect(Object.keys(environmentOf(service('postgresql')))).toContain(variable);
    expect(service('postgresql').volumes).toContain('./deploy/postgres/initdb:/docker-entrypoint-initdb.d:ro');
  });
});

describe('the backups of docker-compose.yml: pgBackRest', () => {
  const CONF = readFileSync(path.join(ROOT, 'deploy/pgbackrest/pgbackrest.conf'), 'utf8');
  const SCHEDULE = readFileSync(path.join(ROOT, 'deploy/pgbackrest/backup-schedule.sh'), 'utf8');
  /** pgbackrest.conf as sections of options. */
  const sections: Record<string, Record<string, string>> = {};
  let section = '';
  for (const line of CONF.split('\n').map((text) => text.trim())) {
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) sections[(section = header[1])] = {};
    else sections[section][line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  const stanza = Object.keys(sections).find((name) => name !== 'global')!;
  const global = sections.global;
  /** Where a service mounts a named volume or a repository file. */
  const mountOf = (name: string, source: string) =>
    (service(name).volumes as string[]).find((volume) => volume.startsWith(`${source}:`))?.split(':')[1];

  it('archives every WAL segment from the database to the repository, a minute at most after it was written', () => {
    const command = commandText(service('postgresql').command);
    expect(command).toContain('wal_level=replica');
    expect(command).toContain('archive_mode=on');
    expect(command).toContain(`archive_command=pgbackrest --stanza=${stanza} archive-push %p`);
    expect(command).toMatch(/archive_timeout=(\d+)/);
    expect(Number(/archive_timeout=(\d+)/.exec(command)![1])).toBeLessThanOrEqual(60);
  });

  it('runs the backups beside the database: its files, its socket, the repository and the configuration', () => {
    const backup = service('pgbackrest');
    expect(backup.image).toBe(service('postgresql').image);
    expect(backup.user).toBe('postgres');
    expect(dependenciesOf(backup)).toEqual({ postgresql: 'service_healthy' });
    for (const name of ['postgresql', 'pgbackrest']) {
      expect(mountOf(name, 'postgresql-data')).toBe(sections[stanza]['pg1-path']);
      expect(mountOf(name, 'postgresql-run')).toBe(sections[stanza]['pg1-socket-path']);
      expect(mountOf(name, 'pgbackrest-repo')).toBe(global['repo1-path']);
      expect(mountOf(name, './deploy/pgbackrest/pgbackrest.conf')).toBe('/etc/pgbackrest/pgbackrest.conf');
    }
    expect(mountOf('pgbackrest', './deploy/pgbackrest/backup-schedule.sh')).toBe(commandText(backup.entrypoint));
  });

  it('keeps four weekly full backups with their differentials, encrypted with a passphrase from the environment', () => {
    expect(global).toMatchObject({
      'repo1-retention-full-type': 'count',
      'repo1-retention-full': '4',
      'repo1-cipher-type': 'aes-256-cbc',
    });
    expect(Number(global['repo1-retention-diff'])).toBeGreaterThanOrEqual(6);
    expect(global['repo1-cipher-pass']).toBeUndefined();
    for (const name of ['postgresql', 'pgbackrest']) {
      expect(environmentOf(service(name)).PGBACKREST_REPO1_CIPHER_PASS).toBe(
        PRODUCTION_SECRETS.PGBACKREST_REPO1_CIPHER_PASS,
      );
    }
    expect(interpolations).toContainEqual({ name: 'PGBACKREST_REPO1_CIPHER_PASS', operator: ':?' });
  });

  it('takes a full backup every Sunday and a differential one every other day, after checking the archive', () => {
    expect(SCHEDULE).toContain(`stanza=${stanza}`);
    const steps = [...SCHEDULE.matchAll(/pgbackrest --stanza="\$stanza" (?:--\S+ )*(stanza-create|check|backup)/g)].map(
      (match) => match[1],
    );
    expect(steps).toEqual(['stanza-create', 'check', 'backup', 'backup']);
    expect(SCHEDULE).toMatch(/if \[ "\$\(date -u \+%u\)" = 7 \]; then type=full; else type=diff; fi/);
    const declared = Object.keys(isObject(compose.volumes) ? compose.volumes : {});
    expect(declared).toEqual(expect.arrayContaining(['postgresql-data', 'postgresql-run', 'pgbackrest-repo']));
  });
});
