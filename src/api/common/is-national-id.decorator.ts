import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { nationalIdProblem } from '../../domain/national-id';

/** class-validator rule backed by the domain's national-ID check, so the message says what is wrong. */
export function IsNationalId(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNationalId',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && nationalIdProblem(value) === undefined,
        defaultMessage: (args: ValidationArguments) =>
          typeof args.value === 'string'
            ? `${args.property} ${nationalIdProblem(args.value)}`
            : `${args.property} must be a string of 10 digits`,
      },
    });
}
