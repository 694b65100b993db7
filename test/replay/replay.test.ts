import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodingOf, isPatchMarker, isSearchAttribute, payloadsIn } from '../support/history-payloads';
import { testDataConverter } from '../support/payload-keys';
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
const readHistory = (file: string) => historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')));
/** Recorded since payloads are encrypted (test key); the others were recorded before and hold plain JSON. */
const encryptedFiles = files.filter((file) => file.endsWith('-encrypted.json'));

describe('replay of recorded renewal histories', () => {
  it('has a history for every path the workflow tests drive', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it('replays every history without non-determinism', async () => {
    installQuietRuntime();
    const histories = files.map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      history: readHistory(file),
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      // The converter of every worker: it decrypts the `-encrypted` histories and passes the older, plain ones through.
      { workflowBundle: { codePath: requireEnv('WORKFLOW_BUNDLE_PATH') }, dataConverter: testDataConverter() },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });

  it('has encrypted histories of the pickup and the post happy paths, holding ciphertext only', () => {
    expect(encryptedFiles).toEqual(
      expect.arrayContaining([
        'renewal-with-pickup-at-the-counter-pickup-happy-path-accept-pay-print-verify-hand-over-encrypted.json',
        'renewal-with-home-delivery-by-saudi-post-post-within-sla-dispatched-accepted-in-transit-out-for-delivery-delivered-with-otp-encrypted.json',
      ]),
    );
    for (const file of encryptedFiles) {
      const payloads = payloadsIn(readHistory(file)).filter(
        (found) => !isSearchAttribute(found) && !isPatchMarker(found),
      );
      expect(payloads.length).toBeGreaterThan(20);
      expect({ file, encodings: [...new Set(payloads.map(({ payload }) => encodingOf(payload)))] }).toEqual({
        file,
        encodings: ['binary/encrypted'],
      });
    }
  });

  it('cannot replay an encrypted history without its key: the replays above did decrypt', async () => {
    installQuietRuntime();
    const [file] = encryptedFiles;
    const results = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: requireEnv('WORKFLOW_BUNDLE_PATH') } },
      [{ workflowId: file, history: readHistory(file) }],
    )) {
      results.push(result);
    }
    expect(results).toHaveLength(1);
    expect(results[0].error?.message).toContain('Unknown encoding: binary/encrypted');
  });
});
