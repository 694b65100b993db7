import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../../../src/config/env';
import { PROJECT_ROOT } from '../../../src/config/paths';
import { freePort } from '../../../src/worker/free-port';
import { httpOk, waitUntil } from '../../launcher/readiness';
import { ensureKeycloakDistribution, KEYCLOAK_VERSION, type KeycloakDistribution } from './distribution';
import { findJavaForKeycloak, type Java } from './java';

/** The realm of dev/identity/keycloak/passport-renewal-realm.json. */
export const KEYCLOAK_REALM = 'passport-renewal';
// From the source tree, which the build (dist/) does not copy JSON into.
const REALM_FILE = join(PROJECT_ROOT, 'dev', 'identity', 'keycloak', 'passport-renewal-realm.json');

export interface KeycloakOptions {
  /** The pages' origin (`http://127.0.0.1:<API port>`): the realm's only redirect and web origin. */
  pagesOrigin: string;
  /** The citizen the realm seeds: username and `national_id` attribute. */
  citizenNationalId: string;
  /** Where Keycloak's console output goes. */
  logFile: string;
  startTimeoutMs?: number;
  env?: Env;
}

export interface RunningKeycloak {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The realm's issuer: what OIDC_ISSUER_URL names. */
  issuer: string;
  /** The realm's placeholders as resolved at import (seeded people's password, the courier client's secret). */
  secrets: { seedPassword: string; courierSecret: string; adminPassword: string };
  distribution: KeycloakDistribution;
  java: Java;
  /** From spawning `kc.sh` to the realm's discovery document answering. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Keycloak in development mode on free loopback ports (HTTP and its management interface, which otherwise takes
 * 9000), its database in memory, the passport-renewal realm imported at start. The realm's placeholders
 * (`${PAGES_ORIGIN}`…) are resolved from the environment once, at import: fresh secrets per start.
 * Resolves once the realm's discovery document answers; `stop()` ends its process group.
 */
export async function startKeycloak(options: KeycloakOptions): Promise<RunningKeycloak> {
  const distribution = await ensureKeycloakDistribution(KEYCLOAK_VERSION);
  const java = findJavaForKeycloak(options.env ?? process.env);
  const importDir = join(distribution.home, 'data', 'import');
  mkdirSync(importDir, { recursive: true });
  copyFileSync(REALM_FILE, join(importDir, `${KEYCLOAK_REALM}-realm.json`));

  const [port, managementPort] = [await freePort(), await freePort()];
  const secrets = {
    seedPassword: randomBytes(12).toString('hex'),
    courierSecret: randomBytes(24).toString('hex'),
    adminPassword: randomBytes(12).toString('hex'),
  };
  const log = createWriteStream(options.logFile);
  const started = Date.now();
  // A session of its own: kc.sh starts java as its child, and stop() signals both through the group.
  const child = spawn(
    join(distribution.home, 'bin', 'kc.sh'),
    [
      'start-dev',
      '--http-host=127.0.0.1',
      `--http-port=${port}`,
      `--http-management-port=${managementPort}`,
      '--db=dev-mem',
      '--import-realm',
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        // Not the caller's whole environment: the import substitutes any ${NAME} it finds (the user profile's
        // message keys are ${username}, ${email}), so only what the realm and kc.sh need.
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        JAVA_HOME: java.home,
        JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx512m',
        KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
        KC_BOOTSTRAP_ADMIN_PASSWORD: secrets.adminPassword,
        PAGES_ORIGIN: options.pagesOrigin,
        KC_CITIZEN_NATIONAL_ID: options.citizenNationalId,
        KC_SEED_PASSWORD: secrets.seedPassword,
        KC_COURIER_SECRET: secrets.courierSecret,
      },
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const killOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `kc.sh exited (${signal ?? code}); see ${options.logFile}`;
    process.off('exit', killOnExit);
  });

  const url = `http://127.0.0.1:${port}`;
  const issuer = `${url}/realms/${KEYCLOAK_REALM}`;
  const stop = () => stopGroup(child);
  try {
    await waitUntil(httpOk(`${issuer}/.well-known/openid-configuration`), {
      what: `Keycloak ${KEYCLOAK_VERSION}`,
      // A first start re-augments the distribution (Quarkus build, 30-60 s on two busy cores) before it imports.
      timeoutMs: options.startTimeoutMs ?? 300_000,
      failFast: () => exited,
      intervalMs: 500,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, issuer, secrets, distribution, java, startMs: Date.now() - started, stop };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false;
  }
}

/** TERM to the group, KILL after 30 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  if (!signalGroup(child, 'SIGTERM')) return;
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 30_000);
  await exit;
  clearTimeout(timer);
}
