import type { Env } from '../../src/config/env';
import { INTEGRATION_SYSTEMS, SYSTEM_ENV_STEMS } from '../../src/config/integrations';
import type { ClusterPorts } from '../cluster/options';
import { partnerHttpEnv } from '../sandboxes/http/server';

/**
 * How the partners misbehave during a run and how short the renewal's clocks are, as the
 * SANDBOX_* and POLICY_* variables every process reads (docs/integrations.md, README "Renewal
 * policy"). Configuration only: the product's code is the same as in production. A variable the
 * caller set wins, and the report prints what was in effect.
 */
export const CHAOS_DEFAULTS: Record<string, string> = {
  // Every partner: 30% of calls fail transiently, 20% refused before doing anything (a 503) and 10% done
  // but with the answer lost (a timeout), so only idempotent callers come through without duplicates.
  ...Object.fromEntries(
    INTEGRATION_SYSTEMS.flatMap((system) => [
      [`SANDBOX_${SYSTEM_ENV_STEMS[system]}_ERROR_RATE`, '0.2'],
      [`SANDBOX_${SYSTEM_ENV_STEMS[system]}_TIMEOUT_RATE`, '0.1'],
    ]),
  ),
  // Slow prints (6 s, every call to the print centre 300 ms slower) and one job in twenty failing.
  SANDBOX_PRINT_CENTRE_DELAY_MS: '6000',
  SANDBOX_PRINT_CENTRE_LATENCY_MS: '300',
  SANDBOX_PRINT_CENTRE_FAILURE_RATE: '0.05',
  // The carrier: envelopes lost, failed delivery attempts (three of them and the envelope goes back).
  SANDBOX_SAUDI_POST_STEP_DELAY_MS: '1500',
  SANDBOX_SAUDI_POST_LOSS_PROBABILITY: '0.08',
  SANDBOX_SAUDI_POST_FAILED_ATTEMPT_PROBABILITY: '0.25',
  SANDBOX_SAUDI_POST_MAX_ATTEMPTS: '3',
  SANDBOX_POLL_INTERVAL_MS: '250',
  SANDBOX_BATCH_SIZE: '100',
  // Clocks short enough that a renewal left alone expires within the run, long enough that one driven
  // along never does, whatever the chaos costs it.
  POLICY_ACCEPTANCE_WINDOW: '3 minutes',
  POLICY_PAYMENT_WINDOW: '4 minutes',
  POLICY_ADDRESS_WINDOW: '90 seconds',
  POLICY_PRINT_DEADLINE: '5 minutes',
  POLICY_DELIVERY_SLA: '20 seconds',
  POLICY_LOSS_THRESHOLD: '10 minutes',
  // Each simulated citizen polls their renewal every second or two: more than the default 60 a minute.
  API_RATE_LIMIT_CITIZEN: '600',
};

/** The SANDBOX_* and POLICY_* settings in effect, for the report. */
export function effectiveSettings(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.keys(CHAOS_DEFAULTS)
      .sort()
      .map((name) => [name, env[name] ?? '']),
  );
}

/**
 * The environment of every process of the run: the caller's, the chaos defaults it does not set, and the
 * partners reached over HTTP at the sandboxes' own process (INTEGRATION_<SYSTEM>_MODE=http), as the real
 * partners would be, so each partner call crosses a process boundary and the faults happen there.
 */
export function chaosEnvironment(callerEnv: Env, ports: ClusterPorts, planDefaults: Record<string, string> = {}): Env {
  const env: Env = { ...callerEnv };
  for (const [name, value] of Object.entries({ ...CHAOS_DEFAULTS, ...planDefaults }))
    if (!env[name]?.trim()) env[name] = value;
  Object.assign(env, partnerHttpEnv(`http://127.0.0.1:${ports.sandboxes}`));
  // The run's own servers, never ones the caller's environment points at.
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SANDBOX_WEBHOOK_BASE_URL', 'PORT', 'SANDBOX_HTTP_PORT']) {
    delete env[name];
  }
  return env;
}
