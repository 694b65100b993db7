import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Application } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminListenerConfig } from '../../config/admin-listener';
import { InjectConfig } from '../config-module/config.tokens';
import { markAdminRequest } from './admin-paths';

/**
 * The second HTTP server of the API, on ADMIN_PORT and ADMIN_HOST, for /metrics, /docs and /openapi.json. It
 * hands its requests to the same Express application as the public server, marked as its own, and
 * `adminPathsApart` (installed first by createApp) keeps each listener to its paths: one application, so the
 * metrics, the document and the security headers are the public API's own, and two sockets, so a firewall or a
 * container network can keep the admin one private. Listens when the application starts (`init`, `listen`).
 */
@Injectable()
export class AdminListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @InjectConfig('adminListener') private readonly config: AdminListenerConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** `http://host:port` of the admin listener, once listening; undefined without one. */
  get url(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.port === undefined) return;
    const app = this.adapterHost.httpAdapter.getInstance<Application>();
    const server = createServer((request, response) => {
      markAdminRequest(request);
      app(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.port, this.config.host, () => resolve());
    });
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // A scraper keeps its connection open between scrapes: idle ones go at once, the server when the last request ends.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
  }
}
