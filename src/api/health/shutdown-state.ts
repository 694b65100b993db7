import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiConfig } from '../../config/api';
import { InjectConfig } from '../config-module/config.tokens';

/**
 * Graceful shutdown: on SIGTERM readiness fails at once, so the load balancer
 * stops sending traffic, while requests in flight (and those still routed
 * here for a moment) are served for the grace period; then Nest closes the
 * HTTP server, which waits for open requests, and the connections.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  draining = false;

  constructor(@InjectConfig('api') private readonly config: ApiConfig) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.draining = true;
    // Only a real termination signal waits; `app.close()` in tests and launchers closes at once.
    if (signal) await sleep(this.config.shutdownGraceMs);
  }
}
