import { consoleLogger } from '../launcher/console-logger';
import { describeError } from '../launcher/logger';
import { ensureTemporalServer, ensureTemporalUi } from './go-tools';

/**
 * `npm run cluster:tools`: builds the Temporal server, temporal-sql-tool and the UI server into .tools/
 * (CI's tools step, so the build time shows on its own line); does nothing when they are there already.
 */
const logger = consoleLogger('cluster:tools');

async function main(): Promise<void> {
  const server = await ensureTemporalServer(logger, process.env);
  const ui = await ensureTemporalUi(logger, process.env);
  logger.log(`Ready: ${server.server}, ${server.sqlTool}, ${ui}`);
}

main().catch((error) => {
  logger.error(describeError(error));
  process.exit(1);
});
