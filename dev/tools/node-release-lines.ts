/**
 * End of life of the Node.js release lines this project has run on, as published in the Node.js
 * Release Working Group's schedule (repository nodejs/Release, file schedule.json). Nothing updates
 * this table by itself: when a line is added to the schedule or a date moves, change it here, or
 * `npm run deps:check` reports a line it does not know.
 */
export const NODE_END_OF_LIFE: Readonly<Record<number, string>> = {
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
  26: '2029-04-30',
};

/** How long before a line's end of life `deps:check` starts warning. */
export const WARNING_MONTHS = 6;

export type SupportStatus = 'supported' | 'ending-soon' | 'end-of-life' | 'unknown';

export interface RuntimeSupport {
  version: string;
  major: number;
  status: SupportStatus;
  /** `YYYY-MM-DD`, absent when the table does not know the line. */
  endOfLife?: string;
  /** Whole days from `today` to the end of life; negative once past it. */
  daysLeft?: number;
}

const DAY_MS = 86_400_000;

function parseDay(day: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${day}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** The same day `months` earlier, or the month's last day when it has no such day (31 Aug → 28/29 Feb). */
function monthsBefore(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * Where a Node.js version stands on `today` (UTC): `end-of-life` from its end-of-life day on,
 * `ending-soon` in the WARNING_MONTHS before it, `unknown` when its line is not in the table.
 */
export function runtimeSupport(
  version: string,
  today: Date,
  table: Readonly<Record<number, string>> = NODE_END_OF_LIFE,
): RuntimeSupport {
  const match = /^v?(\d+)\.\d+\.\d+$/.exec(version.trim());
  if (!match) throw new Error(`Not a Node.js version: ${version}`);
  const major = Number(match[1]);
  const endOfLife = table[major];
  if (endOfLife === undefined) return { version, major, status: 'unknown' };
  const end = parseDay(endOfLife);
  const day = startOfDay(today);
  const daysLeft = Math.round((end.getTime() - day.getTime()) / DAY_MS);
  const status: SupportStatus =
    day >= end ? 'end-of-life' : day >= monthsBefore(end, WARNING_MONTHS) ? 'ending-soon' : 'supported';
  return { version, major, status, endOfLife, daysLeft };
}

/** The exact Node.js release of the Dockerfile's final (runtime) stage, e.g. `24.19.0`. */
export function productionNodeVersion(dockerfile: string): string {
  const images = [...dockerfile.matchAll(/^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/gim)].map((match) => match[1]);
  const runtime = images[images.length - 1];
  const version = runtime && /^node:(\d+\.\d+\.\d+)(?:-|@|$)/.exec(runtime)?.[1];
  if (!version) throw new Error(`The Dockerfile's final stage is not on a pinned node:X.Y.Z image (${runtime})`);
  return version;
}

/** One line for a person, with a warning they cannot miss when the line is ending or over. */
export function describeSupport(label: string, support: RuntimeSupport): string {
  const name = `${label}: Node.js ${support.version.replace(/^v?/, 'v')}`;
  switch (support.status) {
    case 'unknown':
      return `WARNING ${name}: line ${support.major} is not in dev/tools/node-release-lines.ts; add its end of life`;
    case 'end-of-life':
      return `WARNING ${name} reached end of life on ${support.endOfLife} (${-support.daysLeft!} days ago): no security fixes, upgrade now`;
    case 'ending-soon':
      return `WARNING ${name} reaches end of life on ${support.endOfLife} (in ${support.daysLeft} days): plan the upgrade`;
    default:
      return `${name} supported until ${support.endOfLife} (${support.daysLeft} days)`;
  }
}
