import { Logger } from '@nestjs/common';

/** What the sandboxes log through; tests pass their own to keep output quiet or to assert on it. */
export interface SandboxLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function defaultSandboxLogger(): SandboxLogger {
  return new Logger('Sandboxes');
}
