import type { RunTimeFaults, SystemFaults } from '../sandboxes/fault-control';
import { duration } from '../../src/config/policy';

export const SANDBOX_USAGE = `Sets the faults a partner sandbox injects, at run time (docs/integrations.md, "Faults at run time").

  npm run sandbox -- faults                                    what each sandbox injects now
  npm run sandbox -- fault print-centre error-rate 1           every call fails (transient, retried)
  npm run sandbox -- fault saudi-post latency 3s               every call takes 3 s longer
  npm run sandbox -- fault sms hang on                         no call answers (past the callers' timeouts)
  npm run sandbox -- fault clear print-centre                  back to how it was started
  npm run sandbox -- fault clear                               every sandbox back to how it was started

Systems: civil-registry, sadad, print-centre, wasel, saudi-post, sms.
Faults: error-rate, timeout-rate, permanent-error-rate (0 to 1; the three add up to at most 1),
        latency (milliseconds or a duration such as 2s), hang (on or off).
The sandboxes of npm start answer on SANDBOX_HTTP_PORT (3100); SANDBOX_URL names another.`;

/** A fault's command-line name, the field it sets, and how its value is read. */
const FAULTS: Record<string, { field: keyof RunTimeFaults; read: (raw: string) => number | boolean | undefined }> = {
  'error-rate': { field: 'errorRate', read: rate },
  'timeout-rate': { field: 'timeoutRate', read: rate },
  'permanent-error-rate': { field: 'permanentErrorRate', read: rate },
  latency: { field: 'latencyMs', read: (raw) => (raw === '0' ? 0 : duration(raw)) },
  hang: { field: 'hang', read: (raw) => ({ on: true, off: false, true: true, false: false })[raw] },
};

function rate(raw: string): number | undefined {
  const value = Number(raw);
  return raw.trim() !== '' && value >= 0 && value <= 1 ? value : undefined;
}

export class UsageError extends Error {}

/** `npm run sandbox -- <args>` against the sandbox HTTP server at `sandboxUrl`: what to print. */
export async function sandboxCommand(args: string[], sandboxUrl: string): Promise<string> {
  const [command, ...rest] = args;
  if (command === 'faults' && rest.length === 0) return table(await call(sandboxUrl, 'GET', '/faults'));
  if (command === 'fault' && rest[0] === 'clear' && rest.length <= 2) {
    const path = rest[1] ? `/faults/${encodeURIComponent(rest[1])}` : '/faults';
    return table(await call(sandboxUrl, 'DELETE', path));
  }
  if (command === 'fault' && rest.length === 3) {
    const [system, name, raw] = rest;
    const fault = FAULTS[name];
    if (!fault) throw new UsageError(`unknown fault "${name}": ${Object.keys(FAULTS).join(', ')}`);
    const value = fault.read(raw);
    if (value === undefined) throw new UsageError(`${name} cannot be "${raw}"`);
    await call(sandboxUrl, 'PUT', `/faults/${encodeURIComponent(system)}`, { [fault.field]: value });
    return table(await call(sandboxUrl, 'GET', '/faults'));
  }
  throw new UsageError(SANDBOX_USAGE);
}

async function call(
  sandboxUrl: string,
  method: string,
  path: string,
  body?: object,
): Promise<{ faults: Record<string, SystemFaults> }> {
  const response = await fetch(`${sandboxUrl}/sandbox${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = (await response.json()) as { faults: Record<string, SystemFaults>; detail?: string; code?: string };
  if (!response.ok) throw new Error(`the sandboxes answered ${response.status}: ${answer.detail ?? answer.code}`);
  return answer;
}

/** One line a system, as it stands now. */
function table({ faults }: { faults: Record<string, SystemFaults> }): string {
  const rows = [['system', 'error', 'timeout', 'permanent', 'latency', 'hang', '']];
  for (const [system, f] of Object.entries(faults)) {
    rows.push([
      system,
      String(f.errorRate),
      String(f.timeoutRate),
      String(f.permanentErrorRate),
      `${f.latencyMs} ms`,
      f.hang ? 'on' : 'off',
      f.setAtRunTime ? 'set at run time' : 'as started',
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
