import { INTEGRATION_SYSTEMS, type IntegrationSystem } from '../../../src/config/integrations';
import { invalidRequest } from '../../../src/integrations/errors';
import type { RunTimeFaults, SandboxFaults, SystemFaults } from '../fault-control';
import { SYSTEM_NAMES } from '../sandboxes';
import type { Route } from './router';

const RATES = ['errorRate', 'timeoutRate', 'permanentErrorRate'] as const;

/** A system by the name its partner API is mounted under (`print-centre`) or its configuration key (`printCentre`). */
export function systemNamed(name: string): IntegrationSystem | undefined {
  return INTEGRATION_SYSTEMS.find((system) => SYSTEM_NAMES[system] === name || system === name);
}

function systemParam(name: string): IntegrationSystem {
  const system = systemNamed(name);
  if (!system) throw invalidRequest('system', `must be one of ${Object.values(SYSTEM_NAMES).join(', ')}`);
  return system;
}

/** The faults a request changes: any of the three rates (0 to 1), latencyMs (an integer >= 0), hang (a boolean). */
function faultChange(body: unknown): Partial<RunTimeFaults> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidRequest('body', 'must be an object');
  const change: Partial<RunTimeFaults> = {};
  for (const [key, value] of Object.entries(body)) {
    if ((RATES as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw invalidRequest(key, 'must be from 0 to 1');
      change[key as (typeof RATES)[number]] = value;
    } else if (key === 'latencyMs') {
      if (!Number.isInteger(value) || (value as number) < 0) throw invalidRequest(key, 'must be an integer >= 0');
      change.latencyMs = value as number;
    } else if (key === 'hang') {
      if (typeof value !== 'boolean') throw invalidRequest(key, 'must be true or false');
      change.hang = value;
    } else {
      throw invalidRequest(key, `is not a fault (${[...RATES, 'latencyMs', 'hang'].join(', ')})`);
    }
  }
  return change;
}

/** Faults by wire name, as the CLI prints them. */
async function listed(faults: SandboxFaults): Promise<Record<string, SystemFaults>> {
  const all = await faults.all();
  return Object.fromEntries(INTEGRATION_SYSTEMS.map((system) => [SYSTEM_NAMES[system], all[system]]));
}

/**
 * Faults at run time (docs/integrations.md, "Faults at run time"): what each sandbox injects, set and cleared
 * without a restart, for every process that runs sandboxes on the same database.
 */
export function faultControlRoutes(faults: SandboxFaults): Route[] {
  return [
    { method: 'GET', path: '/faults', handle: async () => ({ status: 200, body: { faults: await listed(faults) } }) },
    {
      method: 'PUT',
      path: '/faults/:system',
      handle: async ({ params, body }) => {
        const system = systemParam(params.system);
        const change = faultChange(body);
        const before = (await faults.all())[system];
        if (RATES.reduce((total, rate) => total + (change[rate] ?? before[rate]), 0) > 1) {
          throw invalidRequest('body', 'errorRate, timeoutRate and permanentErrorRate must add up to at most 1');
        }
        return { status: 200, body: { system: SYSTEM_NAMES[system], faults: await faults.set(system, change) } };
      },
    },
    {
      method: 'DELETE',
      path: '/faults/:system',
      handle: async ({ params }) => {
        await faults.clear(systemParam(params.system));
        return { status: 200, body: { faults: await listed(faults) } };
      },
    },
    {
      method: 'DELETE',
      path: '/faults',
      handle: async () => {
        await faults.clear();
        return { status: 200, body: { faults: await listed(faults) } };
      },
    },
  ];
}
