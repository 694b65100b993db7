import { connect } from 'node:net';
import { Connection } from '@temporalio/client';
import type { TemporalTlsConfig } from '../../src/config/temporal';
import { temporalTls } from '../../src/temporal/connection';

/** Answers whether a service is ready; throwing counts as "not yet". */
export type Probe = () => Promise<boolean>;

export interface WaitOptions {
  what: string;
  timeoutMs: number;
  /** A reason to give up at once (the process exited), or undefined to keep waiting. */
  failFast?: () => string | undefined;
  intervalMs?: number;
}

/** Polls `probe` until it says ready, failing with the last error seen. */
export async function waitUntil(probe: Probe, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'not ready';
  for (;;) {
    const fatal = options.failFast?.();
    if (fatal) throw new Error(`${options.what}: ${fatal}`);
    try {
      if (await probe()) return;
    } catch (error) {
      last = describe(error);
    }
    if (Date.now() > deadline) throw new Error(`${options.what}: not ready after ${options.timeoutMs} ms (${last})`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}

/** Something accepts TCP connections on the port. */
export function tcpListening(port: number, host = '127.0.0.1'): Probe {
  return () =>
    new Promise((resolve) => {
      const socket = connect({ port, host });
      socket.setTimeout(1_000);
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.once('connect', () => done(true));
      socket.once('error', () => done(false));
      socket.once('timeout', () => done(false));
    });
}

/** The URL answers 2xx; any other answer is thrown, so a timeout names the last one (e.g. a 503 from /health/ready). */
export function httpOk(url: string): Probe {
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) {
      // A health endpoint's body says which of its checks is down: enough of it to act on.
      const body = (await response.text()).replace(/\s+/g, ' ').trim().slice(0, 300);
      throw new Error(`answered ${response.status}${body ? `: ${body}` : ''}`);
    }
    return true;
  };
}

/** An error as one line; fetch's own ("fetch failed") says why only in its cause (e.g. ECONNREFUSED). */
function describe(error: unknown): string {
  // Duck-typed: fetch's errors come from Node's own realm, which `instanceof Error` in a test's sandbox does not see.
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  if (typeof message !== 'string') return String(error);
  const why = cause?.code ?? cause?.message;
  return typeof why === 'string' ? `${message}: ${why}` : message;
}

/** A Temporal frontend answers the gRPC health check as serving (over mutual TLS with `tls`). */
export function temporalServing(address: string, tls?: TemporalTlsConfig): Probe {
  return async () => {
    const connection = await Connection.connect({
      address,
      connectTimeout: 1_000,
      ...(tls ? { tls: temporalTls(tls) } : {}),
    });
    try {
      const { status } = await connection.healthService.check({});
      // 1 = SERVING in grpc.health.v1.HealthCheckResponse.ServingStatus.
      return status === 1;
    } finally {
      await connection.close();
    }
  };
}
