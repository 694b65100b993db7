import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ValidationProblem } from '../problems/problem';

const validRenewalId = Param(
  'renewalId',
  new ParseUUIDPipe({
    exceptionFactory: () => new ValidationProblem([{ field: 'renewalId', message: 'renewalId must be a UUID' }]),
  }),
);

const documentedRenewalId = ApiParam({ name: 'renewalId', format: 'uuid', description: 'The renewal, a UUID' });

/**
 * The `:renewalId` path parameter, which must be a UUID; a malformed one is a 400 naming it. The same decorator
 * documents it in the OpenAPI document, so no route can check the format without saying so.
 */
export const RenewalIdParam = (): ParameterDecorator => (target, method, index) => {
  validRenewalId(target, method, index);
  if (method !== undefined) documentedRenewalId(target, method, Object.getOwnPropertyDescriptor(target, method)!);
};
