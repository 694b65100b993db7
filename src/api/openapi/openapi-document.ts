import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type {
  OperationObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { BEARER_SCHEME } from '../auth/access.decorators';
import { WEBHOOK_SIGNATURE_SCHEME } from '../webhooks/webhook-endpoint.decorators';

const DESCRIPTION = `Online renewal of Saudi passports, for citizens, counter clerks, operators, couriers and partner systems.

**Authentication.** Bearer access tokens of the OpenID Connect provider the API trusts (its discovery document and
JWKS; RS256, PS256 or ES256; \`iss\`, \`aud\`, \`exp\` required; a bounded lifetime). Claims (names configurable):
\`role\` (citizen, clerk, operator, courier), a citizen's \`national_id\` (citizens act on their own renewals only; their
\`sub\` is opaque), a clerk's \`office\`, a courier's \`carrier\`. Every refused token is a 401 with a problem type of its
own (\`token-expired\`, \`token-key-unknown\`, ...) and a \`WWW-Authenticate: Bearer\` challenge. Partner webhooks are
signed instead (Standard Webhooks: \`webhook-id\`, \`webhook-timestamp\`, \`webhook-signature\`; HMAC-SHA256 over id,
timestamp and raw body; 5-minute tolerance; a replayed \`webhook-id\` is acknowledged without effect).

**Writes.** Every POST except webhooks takes an \`Idempotency-Key\` header.

**Errors.** \`application/problem+json\` (RFC 9457) with a stable \`type\` URI (\`urn:passport-renewal:problem:<slug>\`).`;

type Schema = SchemaObject | ReferenceObject;

/** The component schemas a schema uses, directly or through its properties, items and compositions. */
function referencedSchemas(schema: Schema | undefined, components: Record<string, Schema>, found: Set<string>): void {
  if (!schema) return;
  if ('$ref' in schema) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (found.has(name)) return;
    found.add(name);
    return referencedSchemas(components[name], components, found);
  }
  const nested = [
    ...Object.values(schema.properties ?? {}),
    schema.items,
    ...(schema.allOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.anyOf ?? []),
  ];
  nested.forEach((child) => referencedSchemas(child, components, found));
}

/**
 * The global ValidationPipe refuses any property a DTO does not declare, so every object schema a request body
 * uses says `additionalProperties: false`: a client (or a fuzzer) reading the document knows extras are a 400.
 */
function closeRequestBodies(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const used = new Set<string>();
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as OperationObject[]) {
      const body = operation?.requestBody;
      if (!body || '$ref' in body) continue;
      Object.values(body.content).forEach(({ schema }) => referencedSchemas(schema, components, used));
    }
  }
  for (const name of used) {
    const schema = components[name];
    if (!('$ref' in schema) && schema.type === 'object' && schema.additionalProperties === undefined) {
      schema.additionalProperties = false;
    }
  }
  return document;
}

/** The OpenAPI document the API serves at /openapi.json and the committed openapi.json mirrors. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Passport renewal')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'An access token of the identity provider (in development: `npm run token`)',
      },
      BEARER_SCHEME,
    )
    .addSecurity(WEBHOOK_SIGNATURE_SCHEME, {
      type: 'apiKey',
      in: 'header',
      name: 'webhook-signature',
      description: 'Standard Webhooks signature, with the webhook-id and webhook-timestamp headers it covers',
    })
    .addTag('citizen', 'A citizen renewing their own passport')
    .addTag('counter', 'The clerk at a passport office counter')
    .addTag('operator', 'Operations staff')
    .addTag('carrier', "Saudi Post's couriers")
    .addTag('webhooks', 'Partner systems reporting facts')
    .addTag('codec', "Temporal's remote codec: the Temporal UI decrypts workflow payloads here (operators)")
    .addTag('health', 'Probes')
    .build();
  return closeRequestBodies(
    SwaggerModule.createDocument(app, config, {
      operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
    }),
  );
}
