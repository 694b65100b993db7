import type { Client } from '@temporalio/client';
import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_POLICY } from '../../../src/config/policy';
import { createPersistence } from '../../../src/persistence/persistence';
import { testPersonalData } from '../../support/personal-data-keys';
import { freshNationalId } from '../../support/fixtures';
import { IDLE_TASK_QUEUE } from '../../support/stack';
import {
  type DeliveryMethod,
  envelopeBarcode,
  RENEWAL_WORKFLOW_TYPE,
  type RenewalStage,
  renewalWorkflowId,
  shipmentKey,
} from '../../../workflows/contract';

/** A read-model row, as the API creates it and the workflow's first progress write moves it on. */
export async function seedRenewal(
  db: DataSource,
  row: {
    nationalId: string;
    officeId?: string;
    stage?: RenewalStage;
    deliveryMethod?: DeliveryMethod;
    /** Past its deadline, operators alerted (the workflow's stage clock wrote so). */
    overdue?: { stageDeadline: string };
  },
): Promise<string> {
  const renewalId = randomUUID();
  const { renewals } = createPersistence(db, testPersonalData());
  const officeId = row.officeId ?? 'RUH-01';
  await renewals.recordCreated({ renewalId, nationalId: row.nationalId, officeId, policy: DEFAULT_POLICY });
  await renewals.applyProgress({
    renewalId,
    sequence: 1,
    at: new Date().toISOString(),
    snapshot: {
      stage: row.stage ?? 'AWAITING_ACCEPTANCE',
      deliveryMethod: row.deliveryMethod ?? 'PICKUP',
      officeId,
      slaBreached: false,
      overdue: row.overdue !== undefined,
      stageDeadline: row.overdue?.stageDeadline,
      issueNumber: 1,
      counterMismatches: 0,
    },
    timeline: [],
    notices: [],
    alerts: [],
  });
  return renewalId;
}

/** An open shipment of the renewal's first issue, as the dispatch activity records it; returns its tracking number. */
export async function seedShipment(db: DataSource, renewalId: string): Promise<string> {
  const trackingNumber = `SP${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}SA`;
  await createPersistence(db, testPersonalData()).shipments.recordDispatched({
    shipmentKey: shipmentKey(renewalId, 1),
    renewalId,
    issueNumber: 1,
    envelopeBarcode: envelopeBarcode(renewalId, 1),
    trackingNumber,
  });
  return trackingNumber;
}

export async function startIdleWorkflow(temporal: Client, renewalId: string): Promise<void> {
  await temporal.workflow.start(RENEWAL_WORKFLOW_TYPE, {
    workflowId: renewalWorkflowId(renewalId),
    taskQueue: IDLE_TASK_QUEUE,
    args: [],
  });
}

/** Names of the signals the renewal's workflow has received, in order. */
export async function signalsReceived(temporal: Client, renewalId: string): Promise<string[]> {
  const history = await temporal.workflow.getHandle(renewalWorkflowId(renewalId)).fetchHistory();
  return (history.events ?? [])
    .map((event) => event.workflowExecutionSignaledEventAttributes?.signalName)
    .filter((name): name is string => typeof name === 'string');
}

/** A renewal in transit by post, its shipment open and its workflow idle: what a loss declaration acts on. */
export async function seedInTransit(stack: { db: DataSource; temporal: Client }): Promise<string> {
  const renewalId = await seedRenewal(stack.db, {
    nationalId: freshNationalId(),
    stage: 'IN_TRANSIT',
    deliveryMethod: 'POST',
  });
  await startIdleWorkflow(stack.temporal, renewalId);
  await seedShipment(stack.db, renewalId);
  return renewalId;
}

export function uniqueKey(): string {
  return randomUUID();
}
