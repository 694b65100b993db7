import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { In, Not, Repository } from 'typeorm';
import { renewalWorkflowId } from '../../../workflows/ids';
import { TERMINAL_STAGES } from '../../../workflows/stages';
import type { RenewalInput } from '../../../workflows/types';
import type { AppConfig } from '../../config/configuration';
import { RenewalRecord } from '../../persistence/entities/renewal.entity';
import { DeliveryMethodKey, OfficeIdKey, RenewalStageKey } from '../../temporal/search-attributes';
import { ProblemException } from '../common/problem';
import { InjectTemporalClient } from '../temporal/temporal.module';
import { CreateRenewalDto } from './dto/create-renewal.dto';
import { RenewalView } from './dto/renewal-view.dto';

@Injectable()
export class RenewalsService {
  constructor(
    @InjectTemporalClient() private readonly temporal: Client,
    @InjectRepository(RenewalRecord) private readonly renewals: Repository<RenewalRecord>,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async create(request: CreateRenewalDto): Promise<RenewalView> {
    const open = await this.renewals.findOneBy({
      nationalId: request.nationalId,
      stage: Not(In([...TERMINAL_STAGES])),
    });
    if (open) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'renewal-in-progress',
        'A renewal is already in progress',
        undefined,
        {
          renewalId: open.renewalId,
        },
      );
    }
    const renewalId = randomUUID();
    const input: RenewalInput = {
      renewalId,
      nationalId: request.nationalId,
      officeId: request.officeId,
      policy: this.config.get('policy', { infer: true }),
    };
    await this.temporal.workflow.start('passportRenewal', {
      workflowId: renewalWorkflowId(renewalId),
      taskQueue: this.config.get('temporal.taskQueue', { infer: true }),
      args: [input],
      typedSearchAttributes: [
        { key: RenewalStageKey, value: 'ELIGIBILITY_CHECK' },
        { key: DeliveryMethodKey, value: 'PICKUP' },
        { key: OfficeIdKey, value: request.officeId },
      ],
    });
    // Sequence 0 makes the renewal readable at once; the workflow's own projection overwrites it.
    const now = new Date();
    await this.renewals
      .createQueryBuilder()
      .insert()
      .values({
        renewalId,
        nationalId: request.nationalId,
        stage: 'ELIGIBILITY_CHECK',
        deliveryMethod: 'PICKUP',
        officeId: request.officeId,
        lastSequence: 0,
        stageEnteredAt: now,
      })
      .orIgnore()
      .execute();
    return this.get(renewalId);
  }

  async get(renewalId: string): Promise<RenewalView> {
    const record = await this.renewals.findOneBy({ renewalId });
    if (!record) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'renewal-not-found',
        'Renewal not found',
        `No renewal ${renewalId}`,
      );
    }
    return RenewalView.from(record);
  }
}
