/**
 * A value that breaks a domain rule. `field` names the input so the API can
 * point the caller at it; `reason` is a stable, machine-readable code.
 */
export class DomainValidationError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainValidationError';
  }
}
