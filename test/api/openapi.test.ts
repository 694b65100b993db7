import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { PROJECT_ROOT } from '../../src/config/paths';
import { type Stack, startStack } from '../support/stack';

interface Operation {
  operationId: string;
  tags: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe('OpenAPI', () => {
  let stack: Stack;
  let served: { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: object } };

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    served = (await request(stack.http).get('/openapi.json').expect(200)).body;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const operations = () =>
    Object.entries(served.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );

  it('serves exactly the committed openapi.json (regenerate it with `npm run openapi`)', () => {
    const committed = JSON.parse(readFileSync(join(PROJECT_ROOT, 'openapi.json'), 'utf8'));
    expect(served).toEqual(committed);
  });

  it('serves the interactive documentation at /docs', async () => {
    const page = await request(stack.http).get('/docs/').expect(200);
    expect(page.text).toContain('swagger-ui');
  });

  it('declares the bearer and webhook-signature schemes, and every operation says which it needs', () => {
    expect(served.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      webhookSignature: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'webhook-signature' }),
    });
    const unsecured = operations()
      .filter(({ operation }) => !operation.security?.length)
      .map(({ name }) => name);
    expect(unsecured).toEqual(['GET /health/live', 'GET /health/ready']);
  });

  it('documents every error as application/problem+json', () => {
    for (const { name, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect({ name, status, types: Object.keys(response.content ?? {}) }).toEqual({
          name,
          status,
          types: ['application/problem+json'],
        });
      }
    }
  });

  it('requires an Idempotency-Key on every POST but webhooks, the codec and the look-ups, with its 400 and 409', () => {
    // The codec changes nothing, and the Temporal UI that calls it could not send a key. The counter's look-up and
    // the operator's search are reads that are POSTs only to keep the national ID out of the URL.
    const reads = ['POST /v1/counter/renewals/lookup', 'POST /v1/operator/renewals/search'];
    const posts = operations().filter(
      ({ name }) =>
        name.startsWith('POST') && !name.includes('/webhooks/') && !name.includes('/codec/') && !reads.includes(name),
    );
    expect(posts).toHaveLength(8);
    for (const name of reads) {
      const read = operations().find((operation) => operation.name === name)!;
      expect(read.operation.parameters?.find((parameter) => parameter.name === 'Idempotency-Key')).toBeUndefined();
    }
    for (const { name, operation } of posts) {
      const key = operation.parameters?.find((parameter) => parameter.name === 'Idempotency-Key');
      expect({ name, key }).toEqual({ name, key: expect.objectContaining({ in: 'header', required: true }) });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '409']));
    }
  });
});
