/** Builds the error for one bad field: MalformedPartnerData for a partner's answer, InvalidRequest for a request. */
export type FieldProblem = (field: string, problem: string) => Error;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a JSON object field by field, failing on the first field that is
 * missing or of the wrong shape with an error that names it (`bill.amountSar`)
 * and never quotes its value, which may be personal data.
 */
export class WireReader {
  private constructor(
    private readonly value: Record<string, unknown>,
    private readonly path: string,
    private readonly problem: FieldProblem,
  ) {}

  static of(value: unknown, problem: FieldProblem, path = ''): WireReader {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw problem(path || 'body', 'must be a JSON object');
    }
    return new WireReader(value as Record<string, unknown>, path, problem);
  }

  fieldName(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  fail(key: string, problem: string): Error {
    return this.problem(this.fieldName(key), problem);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  raw(key: string): unknown {
    return this.value[key];
  }

  string(key: string): string {
    const value = this.value[key];
    if (typeof value !== 'string' || value.trim() === '') throw this.fail(key, 'must be a non-empty string');
    return value;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  /** A string that must also pass a domain rule (`problemOf` answers why not, or undefined). */
  checked(key: string, problemOf: (value: string) => string | undefined): string {
    const value = this.string(key);
    const problem = problemOf(value);
    if (problem) throw this.fail(key, problem);
    return value;
  }

  number(key: string): number {
    const value = this.value[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.fail(key, 'must be a number');
    return value;
  }

  boolean(key: string): boolean {
    const value = this.value[key];
    if (typeof value !== 'boolean') throw this.fail(key, 'must be true or false');
    return value;
  }

  oneOf<T extends string | number>(key: string, allowed: readonly T[]): T {
    const value = this.value[key] as T;
    if (!allowed.includes(value)) throw this.fail(key, `must be one of ${allowed.join(', ')}`);
    return value;
  }

  /** A calendar date, `YYYY-MM-DD`. */
  date(key: string): string {
    const value = this.string(key);
    const parsed = new Date(`${value}T00:00:00Z`);
    if (!ISO_DATE.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
      throw this.fail(key, 'must be a date (YYYY-MM-DD)');
    }
    return value;
  }

  /** An ISO 8601 timestamp with a zone, returned in UTC. */
  timestamp(key: string): string {
    const value = this.string(key);
    const time = Date.parse(value);
    if (!ISO_TIMESTAMP.test(value) || Number.isNaN(time)) throw this.fail(key, 'must be an ISO 8601 timestamp');
    return new Date(time).toISOString();
  }

  object(key: string): WireReader {
    return WireReader.of(this.value[key], this.problem, this.fieldName(key));
  }

  optionalObject(key: string): WireReader | undefined {
    return this.has(key) ? this.object(key) : undefined;
  }
}
