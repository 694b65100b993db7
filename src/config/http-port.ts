import { type Env, integerAtLeast, readEnv } from './env';

/** PORT: where the API listens (0: any free port). */
export function loadHttpPort(env: Env): number {
  return readEnv(env, 'PORT', 3000, integerAtLeast(0), 'an integer >= 0');
}
