import { RENEWAL_STAGES, TERMINAL_STAGES } from '../../workflows/contract';
import type { ChaosOptions } from './options';
import type { JourneyResult } from './journey';
import { SCENARIOS } from './scenarios';
import type { EffectCount } from './tally';
import { isExpectedOutcome, type RunEvidence } from './verdict';

export interface ChaosReport extends RunEvidence {
  options: ChaosOptions;
  /** The SANDBOX_* and POLICY_* settings in effect. */
  settings: Record<string, string>;
  apiUrls: string[];
  /** From the first renewal's start to the last one's end. */
  wallMs: number;
  failures: string[];
}

const n = (value: number) => value.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Rows of cells, each column padded to its widest cell; numbers right-aligned. */
function table(rows: Array<Array<string | number>>, indent = '  '): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column] ?? '').length)));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, column) =>
          typeof cell === 'number' ? n(cell).padStart(widths[column]) : String(cell).padEnd(widths[column]),
        )
        .join('  ')
        .trimEnd(),
  );
}

function renewalsSection(report: ChaosReport): string[] {
  const { journeys } = report;
  const terminal = journeys.filter((j) => j.stage && TERMINAL_STAGES.has(j.stage));
  const limit = Math.round(report.options.timeLimitMs / 60_000);
  const rows: Array<Array<string | number>> = [
    ['started', journeys.filter((j) => j.renewalId).length, ''],
    [`terminal within the ${limit}-minute limit`, terminal.length, pct(terminal.length, journeys.length)],
  ];
  for (const stage of RENEWAL_STAGES.filter((s) => TERMINAL_STAGES.has(s))) {
    rows.push([`  ${stage}`, terminal.filter((j) => j.stage === stage).length, '']);
  }
  rows.push(['not terminal', journeys.length - terminal.length, '']);
  rows.push(['renewal and dispute workflows still running', report.workflowsRunning, '']);
  return ['Renewals', ...table(rows)];
}

function scenarioSection(journeys: readonly JourneyResult[]): string[] {
  const rows: Array<Array<string | number>> = [['scenario', 'planned', 'ended as', 'unexpected']];
  for (const scenario of SCENARIOS) {
    const mine = journeys.filter((j) => j.planned.scenario.name === scenario.name);
    if (mine.length === 0) continue;
    const endings = new Map<string, number>();
    for (const j of mine) {
      const key = j.stage === 'FAILED' && j.outcomeReason ? `FAILED(${j.outcomeReason})` : (j.stage ?? 'not started');
      endings.set(key, (endings.get(key) ?? 0) + 1);
    }
    const ended = [...endings].map(([stage, count]) => `${stage} ${count}`).join(', ');
    const unexpected = mine.filter((j) => j.stage && TERMINAL_STAGES.has(j.stage) && !isExpectedOutcome(j)).length;
    rows.push([scenario.name, mine.length, ended, unexpected]);
  }
  return ['Journeys by scenario (what their people did; the sandboxes decide the rest)', ...table(rows)];
}

function effectsSection(report: ChaosReport): string[] {
  const { tally } = report;
  const row = (what: string, unit: string, count: EffectCount, note = '') => [
    what,
    count.effects,
    count.units,
    unit,
    count.duplicated.length,
    note,
  ];
  const operatorDeclared = tally.lossClaims.units - tally.lossClaims.carrierLosses;
  const rows: Array<Array<string | number>> = [
    ['per renewal', 'effects', 'units', '', 'duplicates', ''],
    row('print jobs printed per issue', 'issues', tally.printJobs, `${n(tally.printJobs.jobs)} jobs submitted in all`),
    row('shipments per dispatch', 'dispatches', tally.shipments),
    row('bills charged', 'renewals', tally.billsCharged, `${n(tally.billsCharged.refunded)} refunded`),
    row(
      'loss claims per loss',
      'losses',
      tally.lossClaims,
      `${tally.lossClaims.carrierLosses} lost by the carrier, ${operatorDeclared} declared by operators; ` +
        `${tally.lossClaims.lossesWithoutClaim.length} without a claim`,
    ),
    row('passports activated', 'renewals', tally.passportsActivated),
    ['activated passport lost or voided', tally.activatedButLost.length, '', 'renewals', '', ''],
    ['activation not matching the ending', tally.activationMismatches.length, '', 'renewals', '', ''],
    ['old passport still valid when completed', tally.oldPassportStillValid.length, '', 'renewals', '', ''],
  ];
  return ["Partner side effects, counted from the sandboxes' own tables", ...table(rows)];
}

function webhooksSection(report: ChaosReport): string[] {
  const rows: Array<Array<string | number>> = [
    ['partner', 'sent', 'acknowledged', 'retried', 'extra attempts', 'given up', 'pending'],
  ];
  const total = { sent: 0, acknowledged: 0, retried: 0, extraAttempts: 0, givenUp: 0, pending: 0 };
  for (const w of report.tally.webhooks) {
    rows.push([w.partner, w.sent, w.acknowledged, w.retried, w.extraAttempts, w.givenUp, w.pending]);
    for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += w[key];
  }
  rows.push(['all', total.sent, total.acknowledged, total.retried, total.extraAttempts, total.givenUp, total.pending]);
  return ['Webhooks from the sandboxes (to both APIs through a balancer)', ...table(rows)];
}

function chaosSection(report: ChaosReport): string[] {
  const byTarget = new Map<string, number[]>();
  for (const step of report.chaos) byTarget.set(step.target, [...(byTarget.get(step.target) ?? []), step.downMs]);
  const rows: Array<Array<string | number>> = [['process', 'how', 'times', 'back after (each)']];
  for (const [target, downs] of [...byTarget].sort()) {
    const how = report.chaos.find((step) => step.target === target)!.action === 'kill' ? 'SIGKILL + start' : 'restart';
    rows.push([target, how, downs.length, downs.map(seconds).join(', ')]);
  }
  rows.push([
    'died on their own',
    '',
    report.unexpectedExits.length,
    report.unexpectedExits.map((e) => e.name).join(', '),
  ]);
  return ['Chaos dealt out while the renewals ran', ...table(rows)];
}

function clientSection(report: ChaosReport): string[] {
  const { client } = report;
  const reasons = Object.entries(client.retriesBy)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, count]) => `${reason} ${n(count)}`)
    .join(', ');
  const refusals = new Map<string, number>();
  for (const reason of report.journeys.flatMap((j) => j.refusals))
    refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
  const refused = [...refusals].map(([reason, count]) => `${reason} ${n(count)}`).join(', ');
  return [
    'The driver as an HTTP client (Idempotency-Key on every POST, retries with backoff, fails over between APIs)',
    `  requests ${n(client.requests)}, retries ${n(client.retries)}${reasons ? ` (${reasons})` : ''}`,
    `  answers 500: ${client.serverErrors}; calls unanswered within 3 minutes (tried again later): ${client.gaveUp}`,
    `  refusals met (409/422): ${refused || 'none'}`,
  ];
}

function settingsSection(report: ChaosReport): string[] {
  const { options } = report;
  const topology =
    options.mode === 'cluster'
      ? 'Temporal cluster on PostgreSQL (frontend, history, matching, worker services as separate processes)'
      : 'Temporal dev server on a SQLite file';
  const lines = [
    `Chaos run (${options.mode} mode): ${topology}; embedded PostgreSQL; 2 workers; 2 APIs (${report.apiUrls.join(', ')}); ` +
      'sandboxes in their own process, reached over HTTP',
    `  ${n(options.plan.renewals)} renewals started over ${Math.round(options.arrivalWindowMs / 1000)} s, ` +
      `at most ${options.concurrency} in progress; seed ${options.seed}`,
  ];
  const settings = Object.entries(report.settings).map(([name, value]) => `${name}=${value}`);
  for (let i = 0; i < settings.length; i += 4) lines.push(`  ${settings.slice(i, i + 4).join('  ')}`);
  return lines;
}

/** The table the run prints at the end. */
export function formatReport(report: ChaosReport): string {
  const ended = report.journeys.filter((j) => j.stage && TERMINAL_STAGES.has(j.stage)).length;
  const completed = report.journeys.filter((j) => j.stage === 'COMPLETED').length;
  const wall = report.wallMs / 1000;
  const verdict =
    report.failures.length === 0 ? ['RESULT: PASS'] : ['RESULT: FAIL', ...report.failures.map((f) => `  - ${f}`)];
  return [
    ...settingsSection(report),
    '',
    ...renewalsSection(report),
    '',
    ...scenarioSection(report.journeys),
    '',
    ...effectsSection(report),
    '',
    ...webhooksSection(report),
    '',
    ...chaosSection(report),
    '',
    ...clientSection(report),
    '',
    `Wall time ${wall.toFixed(0)} s (first renewal started → last one ended); ` +
      `${(ended / wall).toFixed(3)} renewals ended/s, ${(completed / wall).toFixed(3)} completed/s`,
    '',
    ...verdict,
  ].join('\n');
}
