import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { renewalWorkflowId } from '../../../workflows/ids';
import { handOverUpdate, verifyOldPassportUpdate } from '../../../workflows/messages';
import { appendAudit } from '../../persistence/audit';
import { RenewalRecord } from '../../persistence/entities/renewal.entity';
import { ProblemException } from '../common/problem';
import { InjectTemporalClient } from '../temporal/temporal.module';
import { HandoverDto, HandoverResultView, VerificationResultView, VerifyOldPassportDto } from './dto/counter.dto';

/** The clerk's side of the counter: match the old passport, then hand over the new one. */
@Injectable()
export class CounterService {
  constructor(
    @InjectTemporalClient() private readonly temporal: Client,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async verify(renewalId: string, request: VerifyOldPassportDto): Promise<VerificationResultView> {
    await this.requireRenewal(renewalId);
    const result = await this.workflow(renewalId).executeUpdate(verifyOldPassportUpdate, {
      args: [{ ...request, presentedPassportNumber: request.presentedPassportNumber.toUpperCase() }],
    });
    await this.audit(renewalId, request.clerkId, 'counter.verification', result.matched ? 'MATCHED' : 'MISMATCH', {
      mismatchesSoFar: result.mismatchesSoFar,
    });
    return result;
  }

  async handOver(renewalId: string, request: HandoverDto): Promise<HandoverResultView> {
    await this.requireRenewal(renewalId);
    const result = await this.workflow(renewalId).executeUpdate(handOverUpdate, { args: [request] });
    await this.audit(renewalId, request.clerkId, 'counter.handover', 'HANDED_OVER');
    return result;
  }

  private workflow(renewalId: string) {
    return this.temporal.workflow.getHandle(renewalWorkflowId(renewalId));
  }

  private async requireRenewal(renewalId: string): Promise<void> {
    const exists = await this.db.getRepository(RenewalRecord).existsBy({ renewalId });
    if (!exists) throw new ProblemException(HttpStatus.NOT_FOUND, 'renewal-not-found', 'Renewal not found');
  }

  private audit(
    renewalId: string,
    clerkId: string,
    action: string,
    outcome: string,
    details?: Record<string, unknown>,
  ) {
    return appendAudit(this.db, {
      eventKey: `api:${randomUUID()}`,
      renewalId,
      actor: `clerk:${clerkId}`,
      action,
      outcome,
      details,
      at: new Date().toISOString(),
    });
  }
}
