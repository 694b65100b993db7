import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Registry } from 'prom-client';
import type { ApiMetrics } from '../../telemetry/metrics';
import { Public } from '../auth/access.decorators';
import { InjectApiMetrics } from './api-metrics.token';

/**
 * Prometheus scrapes the API here. No token, like the health probes: labels
 * hold routes, stages, offices and partner systems, never personal data. In
 * production the path is on the admin listener only (src/api/admin), so the
 * public port answers it 404.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly registry: Registry;

  constructor(@InjectApiMetrics() metrics: ApiMetrics) {
    this.registry = metrics.registry;
  }

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
