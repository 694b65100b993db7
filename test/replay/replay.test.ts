import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installQuietRuntime, requireEnv } from '../support/temporal-test-env';

/**
 * Recorded histories of every renewal path, replayed against the current
 * workflow code: a change that would break running renewals (non-determinism)
 * fails here. Re-record after an intended, `patched` change with:
 *
 *   RECORD_HISTORIES=1 npx jest test/workflows
 */
const HISTORIES_DIR = join(__dirname, 'histories');
const files = readdirSync(HISTORIES_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('replay of recorded renewal histories', () => {
  it('has a history for every path the workflow tests drive', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it('replays every history without non-determinism', async () => {
    installQuietRuntime();
    const histories = files.map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'))),
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: requireEnv('WORKFLOW_BUNDLE_PATH') } },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
