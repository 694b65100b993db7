import { Matches, registerDecorator, ValidationArguments } from 'class-validator';
import { nationalIdProblem } from '../../../domain/national-id';
import { BEYOND_SCHEMA } from './beyond-schema';

/** What the OpenAPI schema says of a national ID (`pattern`); the citizen prefix and check digit it cannot say. */
export const NATIONAL_ID_SHAPE = /^[0-9]{10}$/;

/**
 * class-validator rules backed by the domain's national-ID check, so the message says what is wrong: ten digits
 * (the schema's pattern: a 400), then a citizen's prefix and a valid check digit (beyond the schema: a 422).
 */
export function IsNationalId(): PropertyDecorator {
  return (target, propertyName) => {
    Matches(NATIONAL_ID_SHAPE, { message: ({ property }) => `${property} must be exactly 10 digits` })(
      target,
      propertyName,
    );
    registerDecorator({
      name: 'isCitizenNationalId',
      target: target.constructor,
      propertyName: propertyName as string,
      options: BEYOND_SCHEMA,
      validator: {
        // A value of the wrong shape is the pattern's to report.
        validate: (value: unknown) =>
          typeof value !== 'string' || !NATIONAL_ID_SHAPE.test(value) || nationalIdProblem(value) === undefined,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${nationalIdProblem(args.value as string)}`,
      },
    });
  };
}
