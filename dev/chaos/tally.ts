import type { Client } from 'pg';
import { type RenewalStage, TERMINAL_STAGES } from '../../workflows/contract';

/** One kind of partner-side effect, counted per unit from the sandboxes' own tables. */
export interface EffectCount {
  /** Rows counted (jobs, shipments, bills charged, claims, passports activated). */
  effects: number;
  /** The units they belong to (issues printed, dispatches, renewals paid, losses, renewals completed). */
  units: number;
  /** Units with more than one effect, and their renewal ids. */
  duplicated: string[];
}

export interface WebhookCounts {
  partner: string;
  sent: number;
  acknowledged: number;
  /** Webhooks that needed more than one attempt, and the extra attempts in all. */
  retried: number;
  extraAttempts: number;
  givenUp: number;
  pending: number;
}

export interface Tally {
  printJobs: EffectCount & { jobs: number };
  shipments: EffectCount;
  billsCharged: EffectCount & { refunded: number };
  lossClaims: EffectCount & { carrierLosses: number; lossesWithoutClaim: string[] };
  passportsActivated: EffectCount;
  /** Renewals whose activated passport travelled in an envelope that was lost. */
  activatedButLost: string[];
  /** Renewals that ended other than COMPLETED with a new passport valid, or COMPLETED without one. */
  activationMismatches: string[];
  /** Completed renewals whose citizen's old passport is still valid. */
  oldPassportStillValid: string[];
  webhooks: WebhookCounts[];
  /** Stages in the read model (table `renewals`), by renewal. */
  readModel: Map<string, string>;
}

export interface TalliedRenewal {
  renewalId: string;
  nationalId: string;
  oldPassportNumber: string;
  /** The stage the API last answered. */
  stage?: string;
}

const ids = (rows: Array<{ renewal_id: string }>) => [...new Set(rows.map((row) => row.renewal_id))].sort();

async function rows<T>(db: Client, sql: string, parameters: unknown[]): Promise<T[]> {
  return (await db.query(sql, parameters)).rows as T[];
}

/**
 * Counts what the partners did for the run's renewals from the sandboxes' own tables (the print
 * centre's jobs, the carrier's shipments, events and loss claims, SADAD's bills, the registry's
 * passports, the outbox of webhooks), not from what our side believes it did. A duplicate is a
 * second effect of one intent: two passports printed for one issue, two shipments for one dispatch,
 * two bills charged for one renewal, two claims for one loss, two passports activated for one renewal.
 */
export async function tallyFromSandboxes(db: Client, renewals: readonly TalliedRenewal[]): Promise<Tally> {
  const renewalIds = renewals.map((renewal) => renewal.renewalId);

  const jobs = await rows<{ renewal_id: string; jobs: number; printed: number }>(
    db,
    `SELECT renewal_id, split_part(job_key, '/', 2) AS issue, count(*)::int AS jobs,
            count(*) FILTER (WHERE status = 'PRINTED')::int AS printed
       FROM sandbox.print_jobs WHERE renewal_id = ANY($1) GROUP BY 1, 2`,
    [renewalIds],
  );
  const shipments = await rows<{ renewal_id: string; shipments: number }>(
    db,
    `SELECT split_part(shipment_key, '/', 1) AS renewal_id, split_part(shipment_key, '/', 2) AS issue,
            count(*)::int AS shipments
       FROM sandbox.shipments WHERE split_part(shipment_key, '/', 1) = ANY($1) GROUP BY 1, 2`,
    [renewalIds],
  );
  const bills = await rows<{ renewal_id: string; charged: number; refunded: number }>(
    db,
    `SELECT split_part(bill_key, '/', 1) AS renewal_id,
            count(*) FILTER (WHERE status IN ('PAID', 'REFUNDED'))::int AS charged,
            count(*) FILTER (WHERE status = 'REFUNDED')::int AS refunded
       FROM sandbox.sadad_bills WHERE split_part(bill_key, '/', 1) = ANY($1) GROUP BY 1`,
    [renewalIds],
  );
  // A loss: the carrier reported the envelope LOST, or we opened a claim (an operator declared it lost).
  const losses = await rows<{ renewal_id: string; tracking_number: string; claims: number; carrier_lost: boolean }>(
    db,
    `SELECT split_part(s.shipment_key, '/', 1) AS renewal_id, s.tracking_number,
            (SELECT count(*)::int FROM sandbox.loss_claims c WHERE c.tracking_number = s.tracking_number) AS claims,
            EXISTS (SELECT 1 FROM sandbox.carrier_events e
                     WHERE e.tracking_number = s.tracking_number AND e.type = 'LOST') AS carrier_lost
       FROM sandbox.shipments s
      WHERE split_part(s.shipment_key, '/', 1) = ANY($1)
        AND (EXISTS (SELECT 1 FROM sandbox.loss_claims c WHERE c.tracking_number = s.tracking_number)
             OR EXISTS (SELECT 1 FROM sandbox.carrier_events e
                         WHERE e.tracking_number = s.tracking_number AND e.type = 'LOST'))`,
    [renewalIds],
  );
  // The passports printed for each renewal, their status in the registry, and whether their issue was lost.
  const printed = await rows<{ renewal_id: string; status: string; lost: boolean }>(
    db,
    `SELECT j.renewal_id, p.status,
            EXISTS (SELECT 1 FROM sandbox.shipments s
                     WHERE s.shipment_key = j.renewal_id || '/' || split_part(j.job_key, '/', 2) || '/shipment'
                       AND (EXISTS (SELECT 1 FROM sandbox.loss_claims c WHERE c.tracking_number = s.tracking_number)
                            OR EXISTS (SELECT 1 FROM sandbox.carrier_events e
                                        WHERE e.tracking_number = s.tracking_number AND e.type = 'LOST'))) AS lost
       FROM sandbox.print_jobs j JOIN sandbox.registry_passports p ON p.passport_number = j.passport_number
      WHERE j.renewal_id = ANY($1)`,
    [renewalIds],
  );
  const oldPassports = await rows<{ passport_number: string; status: string }>(
    db,
    `SELECT passport_number, status FROM sandbox.registry_passports WHERE passport_number = ANY($1)`,
    [renewals.map((renewal) => renewal.oldPassportNumber)],
  );
  const webhooks = await rows<WebhookCounts>(
    db,
    `SELECT partner, count(*)::int AS sent,
            count(*) FILTER (WHERE status = 'DELIVERED')::int AS acknowledged,
            count(*) FILTER (WHERE attempts > 1)::int AS retried,
            coalesce(sum(greatest(attempts - 1, 0)), 0)::int AS "extraAttempts",
            count(*) FILTER (WHERE status IN ('FAILED', 'REJECTED'))::int AS "givenUp",
            count(*) FILTER (WHERE status = 'PENDING')::int AS pending
       FROM sandbox.webhook_outbox GROUP BY partner ORDER BY partner`,
    [],
  );
  const readModel = await rows<{ renewal_id: string; stage: string }>(
    db,
    `SELECT renewal_id::text, stage FROM renewals WHERE renewal_id::text = ANY($1)`,
    [renewalIds],
  );

  const activated = printed.filter((row) => row.status === 'VALID');
  const activatedPer = new Map<string, number>();
  for (const row of activated) activatedPer.set(row.renewal_id, (activatedPer.get(row.renewal_id) ?? 0) + 1);
  const oldStatus = new Map(oldPassports.map((row) => [row.passport_number, row.status]));
  const completed = renewals.filter((renewal) => renewal.stage === 'COMPLETED');

  return {
    printJobs: {
      jobs: jobs.reduce((sum, row) => sum + row.jobs, 0),
      effects: jobs.reduce((sum, row) => sum + row.printed, 0),
      units: jobs.filter((row) => row.printed > 0).length,
      duplicated: ids(jobs.filter((row) => row.printed > 1)),
    },
    shipments: {
      effects: shipments.reduce((sum, row) => sum + row.shipments, 0),
      units: shipments.length,
      duplicated: ids(shipments.filter((row) => row.shipments > 1)),
    },
    billsCharged: {
      effects: bills.reduce((sum, row) => sum + row.charged, 0),
      units: bills.filter((row) => row.charged > 0).length,
      duplicated: ids(bills.filter((row) => row.charged > 1)),
      refunded: bills.reduce((sum, row) => sum + row.refunded, 0),
    },
    lossClaims: {
      effects: losses.reduce((sum, row) => sum + row.claims, 0),
      units: losses.length,
      duplicated: ids(losses.filter((row) => row.claims > 1)),
      carrierLosses: losses.filter((row) => row.carrier_lost).length,
      lossesWithoutClaim: ids(losses.filter((row) => row.claims === 0)),
    },
    passportsActivated: {
      effects: activated.length,
      units: activatedPer.size,
      duplicated: [...activatedPer].filter(([, count]) => count > 1).map(([id]) => id),
    },
    activatedButLost: ids(activated.filter((row) => row.lost)),
    // Only renewals that ended: one still going may have activated its passport since the driver last looked.
    activationMismatches: renewals
      .filter((renewal) => renewal.stage && TERMINAL_STAGES.has(renewal.stage as RenewalStage))
      .filter((renewal) => (renewal.stage === 'COMPLETED') !== (activatedPer.get(renewal.renewalId) === 1))
      .map((renewal) => renewal.renewalId),
    oldPassportStillValid: completed
      .filter((renewal) => oldStatus.get(renewal.oldPassportNumber) === 'VALID')
      .map((renewal) => renewal.renewalId),
    webhooks,
    readModel: new Map(readModel.map((row) => [row.renewal_id, row.stage])),
  };
}
