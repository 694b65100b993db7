import { createHash } from 'node:crypto';
import { withCheckDigit } from '../../../src/domain/national-id';

/**
 * A national year of renewals, as PostgreSQL functions of a renewal's serial number n (1 = the oldest), so
 * every row, its audit lines and its alerts are computed where they are inserted (generate_series), the same
 * on every run, and a run that stopped half way resumes where it stopped. Node adds only what needs a key: the
 * national ID's digest and ciphertext.
 *
 * The year, to `anchor`: renewals created in time order (so the table's physical order follows its creation
 * times, as a live table's does), three quarters spread evenly over the year and a quarter more in its last 45
 * days (the season before the summer holidays). Whether a renewal is still under way depends on its age: 90%
 * of those under two weeks old, 55% under two months, 25% under six months, 12% older (passports never
 * collected, addresses never given, envelopes stuck), about a third in all. Its stage follows from its age,
 * its delivery method from its stage, its office from the offices' sizes (Riyadh and Jeddah the largest).
 * Ended renewals completed (84%), were rejected (6%), expired unpaid (5%), were cancelled (4%) or failed (1%).
 */

/** National IDs `17` + a 7-digit serial + the Luhn digit: apart from the bench's citizens (`19`) and the seed people. */
export const MAX_RENEWALS = 9_999_999;

export function seededNationalId(n: number): string {
  return withCheckDigit(`17${String(n).padStart(7, '0')}`);
}

/**
 * Renewal n's id: the md5 of `bench-seed:<n>` shaped as a version-4 UUID (the API refuses other versions), as
 * pg_temp.renewal_id makes it in PostgreSQL.
 */
export function seededRenewalId(n: number): string {
  const hex = createHash('md5').update(`bench-seed:${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export const OFFICES = [
  'RUH-01',
  'RUH-02',
  'JED-01',
  'JED-02',
  'DMM-01',
  'MED-01',
  'MKK-01',
  'ABH-01',
  'TAB-01',
  'HAS-01',
];
const OFFICE_WEIGHTS = [22, 12, 16, 9, 12, 8, 9, 5, 4, 3];

export const ALERT_KINDS = [
  ['DELIVERY_SLA_BREACHED', 'workflow', 35],
  ['PRINT_OVERDUE', 'workflow', 25],
  ['PAYMENT_AMOUNT_MISMATCH', 'service:sadad', 15],
  ['COUNTER_MISMATCHES', 'workflow', 10],
  ['PAYMENT_FOR_CLOSED_RENEWAL', 'service:sadad', 8],
  ['DELIVERED_AFTER_LOSS', 'service:saudi-post', 4],
  ['PAYMENT_FOR_ANOTHER_BILL', 'service:sadad', 3],
] as const;

const list = (items: readonly (string | number)[]) =>
  `ARRAY[${items.map((item) => (typeof item === 'number' ? item : `'${item}'`)).join(', ')}]`;

/** The session's helper functions (pg_temp: they vanish with the session and touch nothing of the product). */
export const YEAR_FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION pg_temp.renewal_id(n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
   $$ SELECT overlay(overlay(md5('bench-seed:' || n) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$`,
  // Uniform in [0, 1) from n and a salt: 53 bits of PostgreSQL's own 64-bit hash.
  `CREATE OR REPLACE FUNCTION pg_temp.u(n bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
   $$ SELECT ((hashint8extended(n, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$`,
  // One of `items`, with the given weights.
  `CREATE OR REPLACE FUNCTION pg_temp.pick(n bigint, salt int, items text[], weights int[]) RETURNS text
   LANGUAGE plpgsql IMMUTABLE AS $$
   DECLARE
     target float8 := pg_temp.u(n, salt) * (SELECT sum(w) FROM unnest(weights) w);
     i int;
   BEGIN
     FOR i IN 1 .. array_length(items, 1) LOOP
       target := target - weights[i];
       IF target < 0 THEN RETURN items[i]; END IF;
     END LOOP;
     RETURN items[array_length(items, 1)];
   END $$`,
  // Renewal n of \`total\`: created in order over the year to \`anchor\`, a quarter more in its last 45 days.
  `CREATE OR REPLACE FUNCTION pg_temp.created(n bigint, total bigint, anchor timestamptz) RETURNS timestamptz
   LANGUAGE sql IMMUTABLE AS $$
     SELECT anchor - interval '365 days'
            + (CASE WHEN x <= 0.6575 THEN x * 365 / 0.75 ELSE 320 + (x - 0.6575) / 0.0076104 END) * interval '1 day'
       FROM (SELECT (n - 1 + pg_temp.u(n, 1)) / total AS x) s $$`,
  `CREATE OR REPLACE FUNCTION pg_temp.stage(n bigint, age float8) RETURNS text LANGUAGE sql IMMUTABLE AS $$
     SELECT CASE
       WHEN pg_temp.u(n, 2) >= CASE WHEN age < 14 THEN 0.9 WHEN age < 60 THEN 0.55 WHEN age < 180 THEN 0.25 ELSE 0.12 END
         THEN pg_temp.pick(n, 3, ${list(['COMPLETED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'FAILED'])}, ${list([84, 6, 5, 4, 1])})
       WHEN age < 2
         THEN pg_temp.pick(n, 3, ${list(['ELIGIBILITY_CHECK', 'AWAITING_ACCEPTANCE', 'AWAITING_PAYMENT', 'AWAITING_ADDRESS', 'PRINTING'])},
                           ${list([2, 25, 40, 8, 25])})
       WHEN age < 14
         THEN pg_temp.pick(n, 3, ${list(['AWAITING_PAYMENT', 'AWAITING_ADDRESS', 'PRINTING', 'DISPATCHING', 'READY_FOR_PICKUP', 'DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'LOST', 'REISSUING'])},
                           ${list([15, 5, 18, 2, 35, 5, 12, 5, 1, 2])})
       ELSE pg_temp.pick(n, 3, ${list(['READY_FOR_PICKUP', 'AWAITING_ADDRESS', 'IN_TRANSIT', 'PRINTING', 'REISSUING', 'LOST'])},
                         ${list([70, 10, 8, 5, 4, 3])})
     END $$`,
  `CREATE OR REPLACE FUNCTION pg_temp.office(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
   $$ SELECT pg_temp.pick(n, 4, ${list(OFFICES)}, ${list(OFFICE_WEIGHTS)}) $$`,
];

/** The audit trail's lines of a renewal after its creation, in turn (a renewal has ten or so). */
export const TRAIL = [
  ['workflow', 'stage.entered', 'AWAITING_ACCEPTANCE'],
  ['citizen', 'citizen.renewal.accept', 'ACCEPTED'],
  ['workflow', 'stage.entered', 'AWAITING_PAYMENT'],
  ['service:sadad', 'webhook.sadad.payment', 'SIGNALLED'],
  ['workflow', 'stage.entered', 'PRINTING'],
  ['service:print-centre', 'webhook.print-centre.job-status', 'SIGNALLED'],
  ['workflow', 'stage.entered', 'READY_FOR_PICKUP'],
  ['clerk', 'counter.lookup', 'FOUND'],
  ['clerk', 'counter.verification', 'MATCHED'],
  ['clerk', 'counter.handover', 'HANDED_OVER'],
  ['workflow', 'stage.entered', 'COMPLETED'],
];

/**
 * Renewal columns from n (as `k.n`), given `created` (as `c.created`) and the year's `anchor` ($anchor): the
 * SELECT list after the id and personal data, in the order of RENEWAL_COLUMNS.
 */
export const RENEWAL_COLUMNS = [
  'stage',
  'delivery_method',
  'office_id',
  'stage_deadline',
  'sla_breached',
  'overdue',
  'last_sequence',
  'stage_entered_at',
  'has_snapshot',
  'issue_number',
  'validity_years',
  'tracking',
  'pending_action',
  'outcome_reason',
  'amount_due_sar',
  'bill_number',
  'policy',
  'created_at',
  'updated_at',
];

const POST_ONLY = `'AWAITING_ADDRESS', 'DISPATCHING', 'DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'LOST', 'REISSUING'`;
const WITH_CARRIER = `'DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'LOST', 'REISSUING', 'COMPLETED'`;
const ENDED = `'COMPLETED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'FAILED'`;
// Stages that wait on a partner, each on its own clock: past its deadline, operators are alerted and the renewal is
// marked overdue (docs/architecture.md, "Every stage on its own clock"). A citizen's own waits (acceptance,
// payment, address, pickup) and the carrier's journey (its SLA is sla_breached) carry no such mark.
const PARTNER_CLOCKED = `'ELIGIBILITY_CHECK', 'PRINTING', 'DISPATCHING', 'LOST'`;

/**
 * One INSERT of renewals: $1 ids, $2 digests, $3 ciphertexts (arrays, in serial order from $5), $4 the key id,
 * $5 the first serial, $6 the year's total, $7 the anchor, $8 the policy.
 */
export const INSERT_RENEWALS = `
  INSERT INTO renewals (renewal_id, national_id_hmac, national_id_enc, national_id_key, ${RENEWAL_COLUMNS.join(', ')})
  SELECT p.id, p.hmac, p.enc, $4, s.stage, d.method, pg_temp.office(k.n), dl.deadline,
         d.method = 'POST' AND s.stage IN (${WITH_CARRIER}) AND pg_temp.u(k.n, 6) < 0.04,
         s.stage IN (${PARTNER_CLOCKED}) AND dl.deadline < $7,
         2 + floor(pg_temp.u(k.n, 7) * 8)::int,
         e.entered, true,
         CASE WHEN s.stage = 'REISSUING' THEN 2 ELSE 1 END,
         CASE WHEN s.stage IN ('ELIGIBILITY_CHECK', 'AWAITING_ACCEPTANCE', 'REJECTED') THEN NULL
              WHEN pg_temp.u(k.n, 8) < 0.7 THEN 10 ELSE 5 END,
         CASE WHEN d.method = 'POST' AND s.stage IN (${WITH_CARRIER}) THEN jsonb_build_object(
                'trackingNumber', 'SP' || lpad(k.n::text, 9, '0') || 'SA',
                'envelopeBarcode', 'PE' || upper(replace(p.id::text, '-', '')) || '01',
                'lastEvent', CASE s.stage WHEN 'COMPLETED' THEN 'DELIVERED' ELSE 'IN_TRANSIT' END,
                'deliveryAttempts', CASE s.stage WHEN 'COMPLETED' THEN 1 ELSE 0 END) END,
         CASE s.stage WHEN 'AWAITING_ACCEPTANCE' THEN 'CITIZEN_REVIEW_AND_ACCEPT'
                      WHEN 'AWAITING_PAYMENT' THEN 'CITIZEN_PAY_BILL'
                      WHEN 'AWAITING_ADDRESS' THEN 'CITIZEN_SUBSCRIBE_TO_WASEL'
                      WHEN 'READY_FOR_PICKUP' THEN 'CITIZEN_VISIT_OFFICE_WITH_OLD_PASSPORT'
                      WHEN 'OUT_FOR_DELIVERY' THEN 'CITIZEN_RECEIVE_COURIER_WITH_OLD_PASSPORT' END,
         CASE s.stage WHEN 'REJECTED' THEN 'TRAVEL_BAN' WHEN 'EXPIRED' THEN 'BILL_EXPIRED'
                      WHEN 'CANCELLED' THEN 'CITIZEN_CANCELLED' WHEN 'FAILED' THEN 'PRINTING_FAILED' END,
         CASE WHEN s.stage = 'AWAITING_PAYMENT' THEN CASE WHEN d.method = 'POST' THEN 635 ELSE 600 END END,
         CASE WHEN s.stage NOT IN ('ELIGIBILITY_CHECK', 'AWAITING_ACCEPTANCE', 'AWAITING_PAYMENT', 'REJECTED', 'EXPIRED')
              THEN '9' || lpad(k.n::text, 11, '0') END,
         $8::jsonb, c.created, e.entered
    FROM unnest($1::uuid[], $2::bytea[], $3::bytea[]) WITH ORDINALITY AS p(id, hmac, enc, i)
   CROSS JOIN LATERAL (SELECT $5::bigint + p.i - 1 AS n) k
   CROSS JOIN LATERAL (SELECT pg_temp.created(k.n, $6, $7) AS created) c
   CROSS JOIN LATERAL (SELECT extract(epoch FROM $7 - c.created)::float8 / 86400 AS age) a
   CROSS JOIN LATERAL (SELECT pg_temp.stage(k.n, a.age) AS stage) s
   CROSS JOIN LATERAL (
     SELECT CASE WHEN s.stage = 'READY_FOR_PICKUP' THEN 'PICKUP'
                 WHEN s.stage IN (${POST_ONLY}) THEN 'POST'
                 WHEN s.stage IN ('ELIGIBILITY_CHECK', 'AWAITING_ACCEPTANCE') THEN 'PICKUP'
                 WHEN pg_temp.u(k.n, 5) < 0.55 THEN 'PICKUP' ELSE 'POST' END AS method) d
   CROSS JOIN LATERAL (
     SELECT CASE WHEN s.stage IN (${ENDED})
                 THEN least(c.created + (2 + 18 * pg_temp.u(k.n, 9)) * interval '1 day', $7)
                 ELSE c.created + a.age * pg_temp.u(k.n, 9) * interval '1 day' END AS entered) e
   CROSS JOIN LATERAL (
     SELECT CASE WHEN s.stage IN (${ENDED}) THEN NULL
                 ELSE e.entered + CASE s.stage WHEN 'ELIGIBILITY_CHECK' THEN interval '1 hour'
                                               WHEN 'AWAITING_ACCEPTANCE' THEN interval '1 day'
                                               WHEN 'AWAITING_PAYMENT' THEN interval '3 days'
                                               WHEN 'AWAITING_ADDRESS' THEN interval '14 days'
                                               WHEN 'PRINTING' THEN interval '3 days'
                                               WHEN 'DISPATCHING' THEN interval '1 day'
                                               WHEN 'READY_FOR_PICKUP' THEN interval '90 days'
                                               WHEN 'OUT_FOR_DELIVERY' THEN interval '1 day'
                                               WHEN 'LOST' THEN interval '7 days'
                                               WHEN 'REISSUING' THEN interval '7 days'
                                               ELSE interval '2 days' END END AS deadline) dl
  ON CONFLICT (renewal_id) DO NOTHING`;

/**
 * One INSERT of audit lines for the renewals of serials $1..$2, $3 lines each on average, spread from the
 * renewal's creation to its last stage change: the citizen's request first, then TRAIL in turn.
 */
export const INSERT_AUDIT_LINES = `
  INSERT INTO audit_events (event_key, renewal_id, actor, action, outcome, details, occurred_at)
  SELECT 'seed:' || g.n || ':' || k, r.renewal_id,
         CASE WHEN k = 1 OR t.actor = 'citizen' THEN 'citizen:' || substr(md5('pseudonym:' || g.n), 1, 20)
              WHEN t.actor = 'clerk' THEN 'clerk:clerk-' || r.office_id || '-' || (g.n % 7)
              ELSE t.actor END,
         CASE WHEN k = 1 THEN 'citizen.renewal.create' ELSE t.action END,
         CASE WHEN k = 1 THEN 'STARTED' ELSE t.outcome END,
         CASE WHEN k = 1 THEN jsonb_build_object('officeId', r.office_id) ELSE '{}'::jsonb END,
         r.created_at + (r.stage_entered_at - r.created_at) * (k - 1) / greatest(l.lines - 1, 1)
    FROM generate_series($1::bigint, $2::bigint) AS g(n)
    JOIN renewals r ON r.renewal_id = pg_temp.renewal_id(g.n)
   CROSS JOIN LATERAL (SELECT greatest(1, floor($3::float8 + pg_temp.u(g.n, 20)))::int AS lines) l
   CROSS JOIN LATERAL generate_series(1, l.lines) AS k
   CROSS JOIN LATERAL (
     SELECT (${list(TRAIL.map(([actor]) => actor))})[1 + (k - 2) % ${TRAIL.length}] AS actor,
            (${list(TRAIL.map(([, action]) => action))})[1 + (k - 2) % ${TRAIL.length}] AS action,
            (${list(TRAIL.map(([, , outcome]) => outcome))})[1 + (k - 2) % ${TRAIL.length}] AS outcome) t
  ON CONFLICT (event_key) DO NOTHING`;

/**
 * One INSERT of alerts $1..$2 of $3 over the year's $4 renewals ($5 the anchor): each an audit line of a renewal
 * (spread over the year in order) and its row in operator_alerts, which the trigger would write but the seed
 * writes itself (triggers are off while seeding). Older than three days, 97% are acknowledged; newer, 40%.
 */
export const INSERT_ALERTS = `
  WITH lines AS (
    INSERT INTO audit_events (event_key, renewal_id, actor, action, outcome, details, occurred_at)
    SELECT 'seed-alert:' || s.j, r.renewal_id, kind.raised_by, 'operator.alert', kind.kind,
           jsonb_build_object('seeded', true, 'serial', s.j),
           r.created_at + (r.stage_entered_at - r.created_at) * pg_temp.u(s.j, 31)
      FROM (SELECT j, 1 + floor((j - 1 + pg_temp.u(j, 30)) * $4::bigint / $3::bigint)::bigint AS n
              FROM generate_series($1::bigint, $2::bigint) AS j) s
      JOIN renewals r ON r.renewal_id = pg_temp.renewal_id(s.n)
     CROSS JOIN LATERAL (SELECT pg_temp.pick(s.j, 32, ${list(ALERT_KINDS.map(([kind]) => kind))},
                                             ${list(ALERT_KINDS.map(([, , weight]) => weight))}) AS kind) picked
     CROSS JOIN LATERAL (
       SELECT picked.kind,
              (${list(ALERT_KINDS.map(([, by]) => by))})[array_position(${list(ALERT_KINDS.map(([kind]) => kind))}, picked.kind)]
                AS raised_by) kind
    ON CONFLICT (event_key) DO NOTHING
    RETURNING id, renewal_id, outcome, occurred_at)
  INSERT INTO operator_alerts (alert_id, renewal_id, kind, raised_at, acknowledged_at, acknowledged_by,
                               acknowledgement_note)
  SELECT id, renewal_id, outcome, occurred_at, ack.at, CASE WHEN ack.at IS NOT NULL THEN 'operator:ops-' || (id % 40) END,
         CASE WHEN ack.at IS NOT NULL THEN 'Looked into: seeded acknowledgement' END
    FROM lines
   CROSS JOIN LATERAL (
     SELECT CASE WHEN pg_temp.u(id, 33) < CASE WHEN occurred_at < $5::timestamptz - interval '3 days' THEN 0.97 ELSE 0.4 END
                 THEN least(occurred_at + (1 + 47 * pg_temp.u(id, 34)) * interval '1 hour', $5::timestamptz) END AS at) ack`;

/** Idempotency keys $1..$2, created over the 40 days to $3 (most past their 7-day retention: housekeeping's backlog). */
export const INSERT_IDEMPOTENCY_KEYS = `
  INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, state, response_status, locked_until,
                                created_at, completed_at)
  SELECT 'citizen:' || substr(md5('pseudonym:' || j), 1, 20), 'seed-' || j, md5(j::text), 'COMPLETED', 202, at, at, at
    FROM generate_series($1::bigint, $2::bigint) AS j
   CROSS JOIN LATERAL (SELECT $3::timestamptz - 40 * pg_temp.u(j, 40) * interval '1 day' AS at) t
  ON CONFLICT DO NOTHING`;

/** Webhook receipts $1..$2, received over the 60 days to $3 (half past their 30-day retention). */
export const INSERT_WEBHOOK_RECEIPTS = `
  INSERT INTO webhook_receipts (partner, webhook_id, renewal_id, outcome, received_at)
  SELECT (ARRAY['sadad', 'print-centre', 'saudi-post', 'wasel'])[1 + j % 4], 'seed-' || j,
         pg_temp.renewal_id(1 + j % 1000), 'SIGNALLED', $3::timestamptz - 60 * pg_temp.u(j, 41) * interval '1 day'
    FROM generate_series($1::bigint, $2::bigint) AS j
  ON CONFLICT DO NOTHING`;
