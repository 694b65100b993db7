import type { ArgumentsHost } from '@nestjs/common';
import { ServiceError } from '@temporalio/client';
import { ProblemDetailsFilter } from '../../../src/api/shared/problems/problem-details.filter';

/** A gRPC error as the Temporal client's connection raises it. */
function grpcError(code: number): Error {
  return Object.assign(new Error(`${code} status`), { code, details: 'from the server', metadata: {} });
}

/** What the filter answers for `exception` to a handover request, and what it logged. */
function answer(exception: unknown) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  const response = {
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(status: number) {
      sent.status = status;
      return this;
    },
    type: () => response,
    send(body: string) {
      sent.body = JSON.parse(body) as Record<string, unknown>;
      return response;
    },
  };
  const request = { method: 'POST', route: { path: '/v1/counter/renewals/:renewalId/handover' }, originalUrl: '/x?y' };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) };
  const filter = new ProblemDetailsFilter();
  const logged: string[] = [];
  (filter as unknown as { logger: { error(m: string): void } }).logger = { error: (m) => logged.push(m) };
  filter.catch(exception, host as unknown as ArgumentsHost);
  return { ...sent, logged };
}

describe('problem details for Temporal client errors', () => {
  it.each([
    [1, 'CANCELLED'],
    [4, 'DEADLINE_EXCEEDED'],
    [8, 'RESOURCE_EXHAUSTED'],
    [10, 'ABORTED'],
    [14, 'UNAVAILABLE'],
  ])('gRPC %i (%s) is a 503 the client retries with the same key, not a 500', (code) => {
    const { status, body, logged } = answer(new ServiceError('Failed to start the update', { cause: grpcError(code) }));
    expect(status).toBe(503);
    expect(body).toMatchObject({ type: 'urn:passport-renewal:problem:service-unavailable', instance: '/x' });
    expect(logged).toEqual([]);
  });

  it('logs another gRPC code with the route and the code, never the message, and answers 500', () => {
    const { status, body, logged } = answer(
      new ServiceError('Failed for 1058529940', { cause: grpcError(13 /* INTERNAL */) }),
    );
    expect(status).toBe(500);
    expect(body).toMatchObject({ type: 'urn:passport-renewal:problem:internal-error' });
    expect(logged).toEqual(['Unhandled ServiceError (gRPC code 13) on POST /v1/counter/renewals/:renewalId/handover']);
  });
});
