/**
 * Reading configuration from the environment, shared by every config loader:
 * unset or blank takes the default; anything else must parse, or start-up
 * stops with a message naming the variable and what it should be.
 */
export type Env = Record<string, string | undefined>;

export function readEnv<T>(
  env: Env,
  name: string,
  fallback: T,
  parse: (raw: string) => T | undefined,
  expected: string,
): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = parse(raw);
  if (value === undefined) throw new Error(`Environment variable ${name} must be ${expected}, got "${raw}"`);
  return value;
}

export const integerAtLeast = (min: number) => (raw: string) =>
  /^\d+$/.test(raw) && Number(raw) >= min ? Number(raw) : undefined;

export const text = (raw: string) => raw;
