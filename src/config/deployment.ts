import { type Env, readEnv } from './env';

/**
 * What kind of environment a process runs in. NODE_ENV must be one of an explicit set: `production` turns the
 * development defaults off and refuses unsafe settings (src/config/production-refusals.ts), so a typo such as
 * `prod` or `Production` must stop the start rather than quietly run on development defaults.
 *
 *   NODE_ENV=production|development|test    unset: development (`npm start`); Jest sets test
 *   ALLOW_SANDBOX_PARTNERS=true|false       production only: let partners be simulated (a staging stack)
 */
export const NODE_ENVS = ['production', 'development', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export interface DeploymentConfig {
  nodeEnv: NodeEnv;
  /** NODE_ENV=production: no development default, no published secret, no simulated partner unless allowed. */
  production: boolean;
  /**
   * A production-mode stack whose partners are simulated (staging): partners left on `sandbox` are then
   * accepted, and every start says so in a warning. Meaningless outside production, where sandboxes are the default.
   */
  allowSandboxPartners: boolean;
}

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (raw: string) =>
    values.find((value) => value === raw);

export function loadNodeEnv(env: Env): NodeEnv {
  return readEnv(env, 'NODE_ENV', 'development', oneOf(NODE_ENVS), `one of ${NODE_ENVS.join(', ')}`);
}

export function loadDeploymentConfig(env: Env): DeploymentConfig {
  const nodeEnv = loadNodeEnv(env);
  const allowSandboxPartners = readEnv(
    env,
    'ALLOW_SANDBOX_PARTNERS',
    'false',
    oneOf(['true', 'false'] as const),
    'true or false',
  );
  return { nodeEnv, production: nodeEnv === 'production', allowSandboxPartners: allowSandboxPartners === 'true' };
}
