import { Matches, registerDecorator, ValidationArguments } from 'class-validator';
import { parseRenewalReference, RENEWAL_REFERENCE_SHAPE } from '../../../domain/renewal-reference';
import { BEYOND_SCHEMA } from './beyond-schema';

/**
 * A renewal's short reference as a person types it (`PR-7K3M-9QX2`, src/domain/renewal-reference.ts): the shape
 * is the schema's pattern (a 400); a check symbol that does not fit, a typo, is beyond the schema (a 422).
 */
export function IsRenewalReference(): PropertyDecorator {
  return (target, propertyName) => {
    Matches(RENEWAL_REFERENCE_SHAPE, {
      message: ({ property }) => `${property} must look like PR-7K3M-9QX2 (PR and hyphens optional, no U)`,
    })(target, propertyName);
    registerDecorator({
      name: 'isRenewalReference',
      target: target.constructor,
      propertyName: propertyName as string,
      options: BEYOND_SCHEMA,
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' ||
          !RENEWAL_REFERENCE_SHAPE.test(value) ||
          'sequence' in parseRenewalReference(value),
        defaultMessage: (args: ValidationArguments) => {
          const parsed = parseRenewalReference(args.value as string);
          return `${args.property} ${'problem' in parsed ? parsed.problem : 'is not a reference'}`;
        },
      },
    });
  };
}

/** The sequence number of a reference the DTO has already validated. */
export function referenceNumberOf(reference: string): number {
  const parsed = parseRenewalReference(reference);
  if ('problem' in parsed) throw new Error(`Unvalidated reference: ${parsed.problem}`);
  return parsed.sequence;
}
