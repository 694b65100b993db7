import { fullFormats } from 'ajv-formats/dist/formats';
import { registerDecorator } from 'class-validator';
import { BEYOND_SCHEMA } from './beyond-schema';

type Check = (value: string) => boolean;

/** JSON Schema's own `date-time` and `date` formats (RFC 3339), as ajv checks them: what the document declares. */
const FORMATS = {
  'date-time': { check: (fullFormats['date-time'] as { validate: Check }).validate, example: '2026-11-28T09:30:00Z' },
  date: { check: (fullFormats.date as { validate: Check }).validate, example: '2026-11-28' },
};

/**
 * A string of the OpenAPI `format` the property declares (a 400 otherwise), which JavaScript can also read as a
 * time (a leap second, `23:59:60Z`, is valid RFC 3339 but no Date: beyond the schema, a 422).
 */
function IsFormatted(format: keyof typeof FORMATS): PropertyDecorator {
  return (target, propertyName) => {
    const { check, example } = FORMATS[format];
    const base = { target: target.constructor, propertyName: propertyName as string };
    registerDecorator({
      ...base,
      name: `is-${format}`,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && check(value),
        defaultMessage: (args) => `${args?.property} must be an RFC 3339 ${format}, e.g. ${example}`,
      },
    });
    registerDecorator({
      ...base,
      name: `is-readable-${format}`,
      options: BEYOND_SCHEMA,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !check(value) || !Number.isNaN(Date.parse(value)),
        defaultMessage: (args) => `${args?.property} must be a time this API can read (no leap second)`,
      },
    });
  };
}

/** An RFC 3339 `date-time`, as the property's `format: date-time` declares. */
export const IsDateTime = () => IsFormatted('date-time');

/** An RFC 3339 `full-date`, as the property's `format: date` declares. */
export const IsDate = () => IsFormatted('date');
