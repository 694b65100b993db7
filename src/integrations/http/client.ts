import type { HttpAdapterConfig } from '../../config/integrations';
import { malformedPartnerData, PermanentIntegrationError, TransientIntegrationError } from '../errors';
import type { FieldProblem } from './wire-reader';

type Method = 'GET' | 'POST' | 'PUT';

const FAILURE_CODE = /^[A-Z][A-Za-z]{2,63}$/;

/** A path segment: keys like `<renewalId>/issue-1/print-1` contain slashes. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * JSON over HTTP to one partner, with the failure mapping every adapter
 * shares: no answer in time, network errors, 408, 429 and 5xx are transient
 * (retried by the activity); other 4xx are permanent integration errors typed
 * with the partner's problem `code` (docs/integrations.md); an answer that is
 * not JSON is `MalformedPartnerData`.
 */
export class PartnerHttpClient {
  readonly malformed: FieldProblem;

  constructor(
    readonly system: string,
    private readonly config: HttpAdapterConfig,
  ) {
    this.malformed = (field, problem) => malformedPartnerData(system, field, problem);
  }

  /** A call answered with a JSON document. */
  async json(operation: string, method: Method, path: string, body?: unknown, notFoundType?: string): Promise<unknown> {
    const text = await this.exchange(operation, method, path, body, notFoundType);
    return this.parse(text ?? '');
  }

  /** A look-up: 404 means there is no such thing (undefined), anything else must be a JSON document. */
  async find(operation: string, method: Method, path: string, body?: unknown): Promise<unknown> {
    const text = await this.exchange(operation, method, path, body, undefined, true);
    return text === undefined ? undefined : this.parse(text);
  }

  /** A command whose answer carries nothing (204). */
  async send(operation: string, method: Method, path: string, body?: unknown, notFoundType?: string): Promise<void> {
    await this.exchange(operation, method, path, body, notFoundType);
  }

  /** The text of a 2xx answer, or undefined for a 404 when `notFoundIsAnswer`; throws for everything else. */
  private async exchange(
    operation: string,
    method: Method,
    path: string,
    body: unknown,
    notFoundType: string | undefined,
    notFoundIsAnswer = false,
  ): Promise<string | undefined> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.config.authHeader) headers[this.config.authHeader.name] = this.config.authHeader.value;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.config.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // Not `instanceof Error`: fetch's DOMException may come from another realm (e.g. under Jest).
      const name = String((error as { name?: unknown } | undefined)?.name ?? 'Error');
      const reason =
        name === 'TimeoutError' ? `no answer within ${this.config.timeoutMs} ms` : `network error (${name})`;
      throw new TransientIntegrationError(this.system, operation, reason);
    }
    if (response.ok) return text;
    if (response.status === 404 && notFoundIsAnswer) return undefined;
    if (response.status === 408 || response.status === 429 || response.status >= 500) {
      throw new TransientIntegrationError(this.system, operation, `HTTP ${response.status}`);
    }
    throw this.refusal(operation, response.status, text, notFoundType);
  }

  private parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      throw this.malformed('body', 'is not valid JSON');
    }
  }

  /** The partner refused: its problem `code` and `field` are kept, its free-text detail is not (it may quote us). */
  private refusal(operation: string, status: number, text: string, notFoundType?: string): PermanentIntegrationError {
    let problem: { code?: unknown; field?: unknown } = {};
    try {
      problem = JSON.parse(text) ?? {};
    } catch {
      // A refusal without a problem document still gets a type from its status below.
    }
    const code = typeof problem.code === 'string' && FAILURE_CODE.test(problem.code) ? problem.code : undefined;
    const field = typeof problem.field === 'string' && problem.field.length <= 100 ? problem.field : undefined;
    const type =
      status < 400
        ? 'UnexpectedPartnerResponse'
        : (code ??
          (status === 401 || status === 403
            ? 'PartnerUnauthorized'
            : status === 404 && notFoundType
              ? notFoundType
              : 'PartnerRejected'));
    const where = field ? ` (field ${field})` : '';
    return new PermanentIntegrationError(type, `${this.system} ${operation} refused: HTTP ${status} ${type}${where}`, {
      system: this.system,
      operation,
      status,
      ...(field ? { field } : {}),
    });
  }
}
