import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PROJECT_TOOLS_DIR } from '../../tools/pypi-wheel';

/** The Keycloak the interop run is checked against (Quarkus distribution, Maven Central). */
export const KEYCLOAK_VERSION = '26.7.3';

const MAVEN_CENTRAL = 'https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist';

export interface KeycloakDistribution {
  /** The unpacked distribution (`bin/kc.sh`). */
  home: string;
  /** Downloaded now (with its size and time), or found unpacked from an earlier run. */
  fetched: { bytes: number; ms: number } | 'cached';
}

/**
 * Keycloak's distribution under `.tools/keycloak-<version>`: downloaded from Maven Central once, checked against the
 * SHA-1 Maven Central publishes beside it (a truncated or substituted archive is refused before it is unpacked),
 * then kept. Maven Central rather than a container image: CI and this machine reach it, and no Docker is needed.
 */
export async function ensureKeycloakDistribution(
  version = KEYCLOAK_VERSION,
  toolsDir = PROJECT_TOOLS_DIR,
): Promise<KeycloakDistribution> {
  const home = join(toolsDir, `keycloak-${version}`);
  if (existsSync(join(home, 'bin', 'kc.sh'))) return { home, fetched: 'cached' };

  mkdirSync(toolsDir, { recursive: true });
  // Unpacked beside its final place and renamed into it, so a run stopped half-way leaves no partial home.
  const work = mkdtempSync(join(toolsDir, `.keycloak-${version}-`));
  try {
    const file = `keycloak-quarkus-dist-${version}.tar.gz`;
    const url = `${MAVEN_CENTRAL}/${version}/${file}`;
    const started = Date.now();
    const archive = join(work, file);
    const sha1 = await download(url, archive);
    const ms = Date.now() - started;
    const expected = (await text(`${url}.sha1`)).trim().slice(0, 40).toLowerCase();
    if (sha1 !== expected) throw new Error(`${file}: SHA-1 ${sha1}, but Maven Central publishes ${expected}`);
    execFileSync('tar', ['-xzf', archive, '-C', work]);
    renameSync(join(work, `keycloak-${version}`), home);
    return { home, fetched: { bytes: statSync(archive).size, ms } };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Streams `url` into `path`, hashing as it goes; returns the SHA-1 in hex. */
async function download(url: string, path: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
  const hash = createHash('sha1');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body), hashing, createWriteStream(path));
  return hash.digest('hex');
}

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}
