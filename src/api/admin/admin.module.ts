import { Module } from '@nestjs/common';
import { AdminListener } from './admin-listener';

/** The admin listener (ADMIN_PORT): /metrics, /docs and /openapi.json apart from the public port. */
@Module({ providers: [AdminListener], exports: [AdminListener] })
export class AdminModule {}
