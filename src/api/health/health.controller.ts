import { Controller, HttpStatus } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/access.decorators';
import { ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { ProblemException } from '../shared/problems/problem';
import { CachedReadiness } from './readiness';
import { ShutdownState } from './shutdown-state';

/**
 * Probes for the orchestrator: liveness (the process answers) and readiness (it can do its work). Not rate limited:
 * counting a probe would cost the database write that caching readiness saves, and a probe costs nothing else.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: CachedReadiness,
    private readonly shutdown: ShutdownState,
  ) {}

  @ReadEndpoint('live', { summary: 'Liveness: the process is up', response: { schema: { example: { status: 'ok' } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @ReadEndpoint('ready', {
    summary: 'Readiness: PostgreSQL and Temporal answer, and the API is not shutting down',
    description:
      'PostgreSQL and Temporal are asked at most once per API_READINESS_CACHE_MS (1 s); shutting down answers at once',
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
    const readiness = await this.readiness.check();
    if (readiness.ready) return readiness.result;
    throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'not-ready', 'Not ready', undefined, {
      checks: readiness.checks,
    });
  }
}
