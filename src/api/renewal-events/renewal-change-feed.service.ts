import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { InjectConfig } from '../config-module/config.tokens';
import { listenToRenewalChanges, RenewalChange, RenewalChangeListener } from '../../persistence/renewal-changes';

/**
 * The read model's change notices, for every follower in this API replica:
 * one LISTEN connection per replica, however many citizens follow renewals,
 * and every replica hears every change (so a follower may be on any of them).
 */
@Injectable()
export class RenewalChangeFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RenewalChangeFeed.name);
  private readonly changeSubject = new Subject<RenewalChange>();
  private readonly resumedSubject = new Subject<void>();
  private listener?: RenewalChangeListener;

  /** Every committed change of a renewal's read-model row. */
  readonly changes: Observable<RenewalChange> = this.changeSubject.asObservable();
  /** The feed was interrupted and is back: changes may have been missed. */
  readonly resumed: Observable<void> = this.resumedSubject.asObservable();

  constructor(@InjectConfig('databaseUrl') private readonly databaseUrl: string) {}

  async onModuleInit(): Promise<void> {
    this.listener = await listenToRenewalChanges(this.databaseUrl, {
      onChange: (change) => this.changeSubject.next(change),
      onResumed: () => {
        this.logger.log('Renewal change feed resumed');
        this.resumedSubject.next();
      },
      // Connection errors only: notices carry no personal data, and none is logged here.
      onError: (error) => this.logger.warn(`Renewal change feed: ${error.message}`),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
    this.changeSubject.complete();
    this.resumedSubject.complete();
  }
}
