import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Marks a class-validator rule the OpenAPI schema cannot express: a check digit, a field another field's value
 * requires, a duration that must not be zero. A request that breaks only such rules matches the documented
 * schema, so it is answered 422 (well-formed, but refused) and not 400 (the request does not match the document);
 * see createValidationPipe.
 */
export const BEYOND_SCHEMA = { context: { beyondSchema: true } } as const satisfies ValidationOptions;

export const REQUIRED_WHEN = 'requiredWhen';

/**
 * A field that is optional in the schema but required by another field's value (`proof` for a DELIVERED event):
 * missing then, it is a 422 naming the field. When present, the field's other rules apply as usual.
 */
export function RequiredWhen<T>(required: (object: T) => boolean, message: string): PropertyDecorator {
  return (target, property) => {
    ValidateIf((object: T, value: unknown) => value !== undefined || required(object))(target, property);
    ValidateBy(
      { name: REQUIRED_WHEN, validator: { validate: (value) => value !== undefined, defaultMessage: () => message } },
      BEYOND_SCHEMA,
    )(target, property);
  };
}
