import { setTimeout as sleep } from 'node:timers/promises';

/** What the run's clients did, for the report. */
export class ClientCounters {
  requests = 0;
  retries = 0;
  readonly retriesBy: Record<string, number> = {};
  /** 500s: neither the API nor a sandbox control may answer one, whatever happens around it. */
  serverErrors = 0;
  /** The first few 500s: where, and what the answer said. */
  readonly serverErrorSamples: string[] = [];
  /** Calls that found no answer within their budget. */
  gaveUp = 0;

  retried(reason: string): void {
    this.retries += 1;
    this.retriesBy[reason] = (this.retriesBy[reason] ?? 0) + 1;
  }
}

/** An answer the client does not retry: a refusal the caller decides about. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: { type?: string; detail?: string; reason?: string; [key: string]: unknown },
    what: string,
  ) {
    super(`${what}: ${status} ${body.type ?? ''} ${body.detail ?? ''}`.trim());
  }

  /** The problem's slug (`urn:passport-renewal:problem:<slug>`), or the sandbox's `code`. */
  get slug(): string | undefined {
    const { type, code } = this.body;
    if (typeof type === 'string') return type.split(':').pop();
    return typeof code === 'string' ? code : undefined;
  }
}

export interface CallOptions {
  /** The caller's bearer token, asked for at every attempt (a long retry outlives a token). */
  token?: () => Promise<string>;
  body?: unknown;
  /** Sent on every attempt of a POST, so a retry after a lost answer is replayed, not executed twice. */
  idempotencyKey?: string;
  /** The base URL tried first (an index into the client's URLs): each simulated person keeps to one. */
  home?: number;
}

/** Seconds of a `Retry-After` header, as milliseconds. */
function retryAfterMs(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** Why an answer is worth another attempt, or undefined when it is final. */
function retryableStatus(status: number, type: string | undefined): string | undefined {
  if (status === 429) return '429 rate limited';
  if (status === 500 || status === 502 || status === 503 || status === 504) return `${status}`;
  // A repeat of a request still being executed by another replica (its answer not stored yet).
  if (status === 409 && type?.endsWith(':idempotency-request-in-progress')) return '409 request in progress';
  return undefined;
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'timeout';
  return cause?.code === 'ECONNREFUSED' ? 'connection refused' : `connection error (${cause?.code ?? 'unknown'})`;
}

/**
 * A client that behaves like a well-made real one under outages: it retries connection failures,
 * timeouts, 429 and 5xx with exponential backoff and jitter (never sooner than a `Retry-After`), for a
 * bounded time; POSTs keep their Idempotency-Key across attempts; on a refused connection or a 503 it
 * tries the other address (two API processes, as behind DNS). Every retry is counted by reason.
 */
export class RetryingHttpClient {
  constructor(
    private readonly baseUrls: readonly string[],
    readonly counters: ClientCounters,
    private readonly limits = { attemptTimeoutMs: 30_000, budgetMs: 180_000 },
  ) {}

  async get<T>(path: string, options: CallOptions = {}): Promise<T> {
    return this.call<T>('GET', path, options);
  }

  async post<T>(path: string, options: CallOptions = {}): Promise<T> {
    return this.call<T>('POST', path, options);
  }

  private async call<T>(method: string, path: string, options: CallOptions): Promise<T> {
    const deadline = Date.now() + this.limits.budgetMs;
    let target = (options.home ?? 0) % this.baseUrls.length;
    for (let attempt = 0; ; attempt++) {
      this.counters.requests += 1;
      let reason: string;
      let waitAtLeastMs = 0;
      try {
        const response = await fetch(`${this.baseUrls[target]}${path}`, {
          method,
          headers: {
            ...(options.token ? { authorization: `Bearer ${await options.token()}` } : {}),
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
          },
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(this.limits.attemptTimeoutMs),
        });
        const text = await response.text();
        const answer = text ? JSON.parse(text) : {};
        if (response.ok) return answer as T;
        if (response.status === 500) {
          this.counters.serverErrors += 1;
          if (this.counters.serverErrorSamples.length < 5) {
            this.counters.serverErrorSamples.push(`${method} ${this.baseUrls[target]}${path}: ${text.slice(0, 200)}`);
          }
        }
        const retryable = retryableStatus(response.status, answer.type);
        if (!retryable) throw new HttpProblem(response.status, answer, `${method} ${path}`);
        reason = retryable;
        waitAtLeastMs = retryAfterMs(response) ?? 0;
      } catch (error) {
        if (error instanceof HttpProblem) throw error;
        if (error instanceof SyntaxError)
          throw new Error(`${method} ${path}: an answer that is not JSON`, { cause: error });
        reason = networkReason(error);
      }
      if (Date.now() > deadline) {
        this.counters.gaveUp += 1;
        throw new Error(`${method} ${path}: no answer after ${attempt + 1} attempts (last: ${reason})`);
      }
      this.counters.retried(reason);
      if (reason === 'connection refused' || reason === '503') target = (target + 1) % this.baseUrls.length;
      const backoff = Math.min(200 * 2 ** attempt, 5_000);
      await sleep(Math.max(waitAtLeastMs, backoff / 2 + Math.random() * (backoff / 2)));
    }
  }
}
