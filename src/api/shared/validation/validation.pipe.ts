import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { REQUIRED_WHEN } from './beyond-schema';
import { FieldError, ValidationProblem } from '../problems/problem';

interface RuleBroken extends FieldError {
  /** The rule is one the OpenAPI schema cannot express (see BEYOND_SCHEMA). */
  beyondSchema: boolean;
}

/** A missing field another field requires: its other rules would only say again that it is missing. */
function constraintsOf(error: ValidationError): Record<string, string> {
  const required = error.constraints?.[REQUIRED_WHEN];
  return required ? { [REQUIRED_WHEN]: required } : (error.constraints ?? {});
}

function flatten(errors: ValidationError[], parent = ''): RuleBroken[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(constraintsOf(error)).map(([rule, message]) => ({
      field,
      message,
      beyondSchema: error.contexts?.[rule]?.beyondSchema === true,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The first string in a request value holding U+0000, by its dotted path. */
function pathToNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = pathToNul(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/**
 * Global validation: unknown fields are refused, and every error names its field. A request that matches the
 * documented schema and breaks only rules beyond it is a 422; anything else is a 400. One such rule holds for
 * every text: PostgreSQL cannot store U+0000, so a string holding it is refused here rather than failing there.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const validated = await super.transform(value, metadata);
    if (metadata.type === 'custom') return validated;
    const field = pathToNul(validated, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (field !== undefined) {
      throw new ValidationProblem(
        [{ field, message: `${field} must not contain the NUL character (U+0000)` }],
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    return validated;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const broken = flatten(errors);
      const beyondSchemaOnly = broken.length > 0 && broken.every((rule) => rule.beyondSchema);
      const status = beyondSchemaOnly ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST;
      return new ValidationProblem(
        broken.map(({ field, message }) => ({ field, message })),
        status,
      );
    },
  });
}
