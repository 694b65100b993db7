import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationProblem } from './problem';

/** The `:renewalId` path parameter, which must be a UUID; a malformed one is a 400 naming it. */
export const RenewalIdParam = (): ParameterDecorator =>
  Param(
    'renewalId',
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationProblem([{ field: 'renewalId', message: 'renewalId must be a UUID' }]),
    }),
  );
