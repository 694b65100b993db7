import { sandboxCommand, UsageError } from './sandbox-command';

/** `npm run sandbox -- …`: the sandboxes' run-time controls from a terminal (see SANDBOX_USAGE). */
async function main(): Promise<void> {
  const url = process.env.SANDBOX_URL ?? `http://127.0.0.1:${process.env.SANDBOX_HTTP_PORT ?? 3100}`;
  try {
    process.stdout.write(`${await sandboxCommand(process.argv.slice(2), url.replace(/\/+$/, ''))}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}

void main();
