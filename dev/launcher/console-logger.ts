import type { LauncherLogger } from './logger';

/** A command-line launcher's output: its own progress lines, marked with its name (children log to files). */
export function consoleLogger(name: string): LauncherLogger {
  return {
    log: (message) => console.log(`[${name}] ${message}`),
    warn: (message) => console.log(`[${name}] WARN ${message}`),
    error: (message) => console.error(`[${name}] ERROR ${message}`),
  };
}

export function print(text: string): void {
  console.log(text);
}
