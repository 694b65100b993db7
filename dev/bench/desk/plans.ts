import type { DataSource } from 'typeorm';
import { parseRenewalReference } from '../../../src/domain/renewal-reference';
import type { Persistence } from '../../../src/persistence/persistence';
import type { Statement } from '../../../src/persistence/repositories/paging';
import type { DeskKind } from './requests';
import type { DeskSamples } from './samples';

export interface Plan {
  kind: DeskKind;
  name: string;
  text: string;
  /** No sequential scan of a large table anywhere in the plan. */
  indexOnly: boolean;
  executionMs: number;
}

const LARGE_TABLES = /Seq Scan on (renewals|audit_events|operator_alerts)\b/;

/**
 * The statements the API runs for each kind of desk request, built by the repositories' own statement functions
 * (so these are the very queries served), each run under EXPLAIN (ANALYZE, BUFFERS) against the seeded database.
 */
export async function explainDesk(db: DataSource, persistence: Persistence, samples: DeskSamples): Promise<Plan[]> {
  const { renewals, alerts, audit } = persistence;
  const page = { limit: 50 };
  const office = 'JED-01';
  const firstPage = await renewals.list({ officeId: office }, page);
  const alertsRenewal = samples.alerted[0];
  const waiting = samples.waiting[0];
  const referenceOf = (text: string) => {
    const parsed = parseRenewalReference(text);
    if ('problem' in parsed) throw new Error(parsed.problem);
    return parsed.sequence;
  };
  const stuckSince = new Date(Date.now() - 48 * 3600 * 1000);
  const week = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  const statements: Array<[DeskKind, string, Statement]> = [
    ['list', 'newest first, no filter', renewals.listStatement({}, page)],
    ['list', 'stage', renewals.listStatement({ stage: 'IN_TRANSIT' }, page)],
    ['list', 'office', renewals.listStatement({ officeId: office }, page)],
    [
      'list',
      'office, second page (cursor)',
      renewals.listStatement({ officeId: office }, { ...page, after: firstPage.next }),
    ],
    [
      'list',
      'office + stage + delivery',
      renewals.listStatement({ officeId: 'RUH-01', stage: 'READY_FOR_PICKUP', deliveryMethod: 'PICKUP' }, page),
    ],
    [
      'list',
      'stage + delivery that match nothing',
      renewals.listStatement({ stage: 'READY_FOR_PICKUP', deliveryMethod: 'POST' }, page),
    ],
    ['list', 'delivery', renewals.listStatement({ deliveryMethod: 'POST' }, page)],
    ['list', 'past deadline', renewals.listStatement({ pastDeadline: true }, page)],
    ['list', 'past deadline, office', renewals.listStatement({ pastDeadline: true, officeId: 'DMM-01' }, page)],
    ['list', 'stuck 48 h, stage', renewals.listStatement({ stuckSince, stage: 'PRINTING' }, page)],
    [
      'list',
      'stuck 48 h, office + delivery',
      renewals.listStatement({ stuckSince, officeId: office, deliveryMethod: 'POST' }, page),
    ],
    ['list', 'SLA breached', renewals.listStatement({ slaBreached: true }, page)],
    ['list', 'overdue', renewals.listStatement({ overdue: true }, page)],
    [
      'list',
      'overdue, office + stage',
      renewals.listStatement({ overdue: true, officeId: office, stage: 'PRINTING' }, page),
    ],
    ['list', 'count: no filter (capped)', renewals.countStatement({})],
    ['list', 'count: office + stage', renewals.countStatement({ officeId: office, stage: 'READY_FOR_PICKUP' })],
    ['list', 'count: past deadline, office', renewals.countStatement({ pastDeadline: true, officeId: office })],
    ['search', 'by reference', renewals.byReferenceStatement(referenceOf(samples.renewals[0].reference))],
    ['search', 'by national ID (digest)', renewals.ofNationalIdStatement(samples.nationalIds[0], 50)],
    [
      'lookup',
      "the counter's look-up (digest, office)",
      renewals.readyForPickupStatement(waiting.nationalId, waiting.officeId),
    ],
    ['queue', 'office queue, oldest first', renewals.pickupQueueStatement(waiting.officeId, page)],
    [
      'queue',
      'office queue, by reference',
      renewals.pickupQueueStatement(waiting.officeId, page, referenceOf(waiting.reference)),
    ],
    ['queue', 'count', renewals.pickupQueueCountStatement(waiting.officeId)],
    ['audit', "a renewal's trail", audit.ofRenewalStatement(samples.renewals[0].renewalId, page)],
    ['alerts', 'newest first, no filter', alerts.listStatement({}, page)],
    ['alerts', 'not acknowledged', alerts.listStatement({ acknowledged: false }, page)],
    ['alerts', 'kind', alerts.listStatement({ kind: samples.alertKinds[0] }, page)],
    [
      'alerts',
      'kind, last 7 days, not acknowledged',
      alerts.listStatement({ kind: samples.alertKinds[0], since: week, acknowledged: false }, page),
    ],
    ['alerts', 'renewal', alerts.listStatement({ renewalId: alertsRenewal }, page)],
    ['alerts', 'count: not acknowledged', alerts.countStatement({ acknowledged: false })],
  ];
  const plans: Plan[] = [];
  for (const [kind, name, statement] of statements) {
    const rows: Array<{ 'QUERY PLAN': string }> = await db.query(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
      statement.values,
    );
    const text = rows.map((row) => row['QUERY PLAN']).join('\n');
    const execution = /Execution Time: ([0-9.]+) ms/.exec(text);
    plans.push({
      kind,
      name,
      text,
      indexOnly: !LARGE_TABLES.test(text),
      executionMs: execution ? Number(execution[1]) : NaN,
    });
  }
  return plans;
}
