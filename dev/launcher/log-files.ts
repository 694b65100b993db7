import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Where each process of a launcher writes: `<dir>/<name>.log`, appended to across restarts. */
export class LogFiles {
  constructor(readonly dir: string) {}

  path(name: string): string {
    return join(this.dir, `${name}.log`);
  }

  /** Opens the log for a child's stdout and stderr, marking where this run starts. */
  open(name: string, header: string): number {
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(this.path(name), 'a');
    writeSync(fd, `\n=== ${new Date().toISOString()} ${header}\n`);
    return fd;
  }

  append(name: string, line: string): void {
    mkdirSync(this.dir, { recursive: true });
    appendFileSync(this.path(name), `${line}\n`);
  }

  close(fd: number): void {
    closeSync(fd);
  }

  /** The last lines of a log, to put in an error message. */
  tail(name: string, lines = 20): string {
    try {
      const text = readFileSync(this.path(name), 'utf8').trimEnd().split('\n');
      return text.slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
