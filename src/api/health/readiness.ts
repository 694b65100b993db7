import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { ApiConfig } from '../../config/api';
import { InjectConfig } from '../config-module/config.tokens';
import { TemporalHealthIndicator } from './temporal.health';

/** What one readiness check found: ready with its details, or not with the checks that failed. */
export type Readiness =
  { ready: true; result: HealthCheckResult } | { ready: false; checks: HealthCheckResult['details'] };

/**
 * PostgreSQL and Temporal asked at most once per interval (API_READINESS_CACHE_MS): requests that come while a
 * check runs wait for it, and its outcome, ready or not, answers every request for the interval after it ended.
 * A flood of probes (or of anyone calling a public path) thus costs one database ping and one Temporal call per
 * interval, and never two checks at once, whatever their timeouts.
 */
@Injectable()
export class CachedReadiness {
  private running?: Promise<Readiness>;
  private last?: { outcome: Readiness; endedAt: number };

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    @InjectConfig('api') private readonly config: ApiConfig,
  ) {}

  check(): Promise<Readiness> {
    if (this.running) return this.running;
    if (this.last && Date.now() - this.last.endedAt < this.config.readinessCacheMs) {
      return Promise.resolve(this.last.outcome);
    }
    this.running = this.checkNow()
      .then((outcome) => {
        this.last = { outcome, endedAt: Date.now() };
        return outcome;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async checkNow(): Promise<Readiness> {
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: 1_500 }),
        () => this.temporal.check('temporal'),
      ]);
      return { ready: true, result };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      return { ready: false, checks: (error.getResponse() as HealthCheckResult).details };
    }
  }
}
