import { Controller, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/access.decorators';
import { ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { ProblemException } from '../shared/problems/problem';
import { ShutdownState } from './shutdown-state';
import { TemporalHealthIndicator } from './temporal.health';

/** Probes for the orchestrator: liveness (the process answers) and readiness (it can do its work). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  @ReadEndpoint('live', { summary: 'Liveness: the process is up', response: { schema: { example: { status: 'ok' } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @ReadEndpoint('ready', {
    summary: 'Readiness: PostgreSQL and Temporal answer, and the API is not shutting down',
    response: {
      schema: { example: { status: 'ok', details: { database: { status: 'up' }, temporal: { status: 'up' } } } },
    },
    problems: [503],
  })
  @HealthCheck({ swaggerDocumentation: false })
  async ready(): Promise<HealthCheckResult> {
    if (this.shutdown.draining) {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'shutting-down', 'Shutting down');
    }
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 1_500 }),
        () => this.temporal.check('temporal'),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'not-ready', 'Not ready', undefined, {
        checks: (error.getResponse() as HealthCheckResult).details,
      });
    }
  }
}
