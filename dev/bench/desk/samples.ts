import type { DataSource } from 'typeorm';
import { formatRenewalReference } from '../../../src/domain/renewal-reference';
import type { Persistence } from '../../../src/persistence/persistence';
import { OFFICES } from '../seed/year';

/** What the bench's operators and clerks ask about: drawn from the seeded database at random. */
export interface DeskSamples {
  offices: string[];
  /** Renewals at random: their ids (audit trails) and references (searches). */
  renewals: Array<{ renewalId: string; reference: string; officeId: string }>;
  /** National IDs of renewals under way (whose personal data retention has not erased). */
  nationalIds: string[];
  /** Passports waiting at an office, with their citizen: the counter's look-ups that find something. */
  waiting: Array<{ officeId: string; nationalId: string; reference: string }>;
  /** Renewals that have alerts. */
  alerted: string[];
  alertKinds: string[];
}

const ENDED = `'COMPLETED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'FAILED'`;

interface SampledRow {
  renewal_id: string;
  reference_number: string;
  office_id: string;
  national_id_enc: Buffer | null;
  national_id_key: string | null;
}

/** BERNOULLI sampling reads the table once and keeps each row with the given chance: `wanted` rows on average. */
async function sample(db: DataSource, where: string, share: number, wanted: number): Promise<SampledRow[]> {
  const [{ rows }] = await db.query(
    `SELECT greatest(reltuples, 1)::float8 AS rows FROM pg_class WHERE relname = 'renewals'`,
  );
  const percent = Math.min(100, (100 * 2 * wanted) / (rows * share));
  return db.query(
    `SELECT renewal_id, reference_number, office_id, national_id_enc, national_id_key
       FROM renewals TABLESAMPLE BERNOULLI (${percent}) WHERE ${where} LIMIT ${wanted}`,
  );
}

export async function drawSamples(db: DataSource, persistence: Persistence): Promise<DeskSamples> {
  const nationalIdOf = (row: SampledRow) =>
    persistence.renewals.nationalIdOf({
      renewalId: row.renewal_id,
      nationalIdEnc: row.national_id_enc,
      nationalIdKey: row.national_id_key,
    });
  const any = await sample(db, 'true', 1, 3_000);
  const underWay = await sample(db, `stage NOT IN (${ENDED}) AND national_id_enc IS NOT NULL`, 0.3, 2_000);
  const waiting = await sample(db, `stage = 'READY_FOR_PICKUP' AND national_id_enc IS NOT NULL`, 0.1, 2_000);
  const [{ alerts }] = await db.query(
    `SELECT greatest(reltuples, 1)::float8 AS alerts FROM pg_class WHERE relname = 'operator_alerts'`,
  );
  const alerted: Array<{ renewal_id: string }> = await db.query(
    `SELECT renewal_id FROM operator_alerts TABLESAMPLE BERNOULLI (${Math.min(100, (100 * 2 * 1000) / alerts)})
      WHERE renewal_id IS NOT NULL LIMIT 1000`,
  );
  const kinds: Array<{ kind: string }> = await db.query(
    `SELECT DISTINCT kind FROM (SELECT kind FROM operator_alerts ORDER BY raised_at DESC LIMIT 10000) k`,
  );
  const samples: DeskSamples = {
    offices: OFFICES,
    renewals: any.map((row) => ({
      renewalId: row.renewal_id,
      reference: formatRenewalReference(row.reference_number),
      officeId: row.office_id,
    })),
    nationalIds: underWay.map(nationalIdOf).filter((id): id is string => id !== undefined),
    waiting: waiting.flatMap((row) => {
      const nationalId = nationalIdOf(row);
      return nationalId
        ? [{ officeId: row.office_id, nationalId, reference: formatRenewalReference(row.reference_number) }]
        : [];
    }),
    alerted: alerted.map((row) => row.renewal_id),
    alertKinds: kinds.map((row) => row.kind),
  };
  for (const [name, list] of Object.entries(samples)) {
    if (Array.isArray(list) && list.length === 0) throw new Error(`the seeded database gave no ${name} to ask about`);
  }
  return samples;
}
