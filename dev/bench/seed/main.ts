import { parseArgs } from 'node:util';
import { openDataSource } from '../../../src/persistence/data-source';
import { deskDataDir, stackPersonalData, startDeskStack } from '../support/desk-stack';
import { seedYear } from './seed';

/**
 * `npm run bench:seed -- --renewals 3000000 --audit-lines 30000000 --alerts 1000000`: a year of renewals in the
 * desk figure's stack (dev/bench/.data/desk, or the stack BENCH_ATTACH=1 names), see ./year.ts. The idempotency
 * keys and webhook receipts (housekeeping's backlog) default to a tenth of the renewals each.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      renewals: { type: 'string', default: '300000' },
      'audit-lines': { type: 'string' },
      alerts: { type: 'string' },
      'idempotency-keys': { type: 'string' },
      'webhook-receipts': { type: 'string' },
    },
  });
  const count = (name: string, value: string | undefined, fallback: number) => {
    const parsed = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number, not ${value}`);
    return parsed;
  };
  const renewals = count('renewals', values.renewals, 300_000);
  const size = {
    renewals,
    auditLines: count('audit-lines', values['audit-lines'], renewals * 10),
    alerts: count('alerts', values.alerts, Math.round(renewals / 3)),
    idempotencyKeys: count('idempotency-keys', values['idempotency-keys'], Math.round(renewals / 10)),
    webhookReceipts: count('webhook-receipts', values['webhook-receipts'], Math.round(renewals / 10)),
  };
  console.log(
    `== seed ${JSON.stringify(size)} into ${process.env.BENCH_ATTACH === '1' ? 'the attached stack' : deskDataDir()}`,
  );
  const stack = await startDeskStack();
  try {
    const db = await openDataSource(stack.databaseUrl, 2, 'bench-seed');
    try {
      const result = await seedYear(db, size, stackPersonalData());
      const [summary] = await db.query(`
        SELECT count(*)::int AS renewals,
               count(*) FILTER (WHERE stage NOT IN ('COMPLETED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'FAILED'))::int
                 AS under_way,
               pg_size_pretty(pg_total_relation_size('renewals')) AS renewals_size,
               pg_size_pretty(pg_total_relation_size('audit_events')) AS audit_size,
               pg_size_pretty(pg_database_size(current_database())) AS database_size
          FROM renewals`);
      console.log(
        `seeded in ${result.seconds.toFixed(0)} s: ${summary.renewals.toLocaleString('en')} renewals ` +
          `(${((100 * summary.under_way) / summary.renewals).toFixed(1)}% under way), renewals ${summary.renewals_size}, ` +
          `audit trail ${summary.audit_size}, database ${summary.database_size}`,
      );
    } finally {
      await db.destroy();
    }
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
