import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { RENEWAL_SEARCH_ATTRIBUTES } from '../../../workflows/contract';
import { TEMPORAL_SERVER_VERSION } from '../../../dev/cluster/go-tools';
import { requireEnv, suiteConnectionOptions } from '../../support/temporal-test-env';

/**
 * The suite of `npm run test:cluster` runs on the real cluster and nothing else: were it quietly on
 * a dev server, every other test in it would prove nothing about the cluster.
 */
describe('the Temporal server under test', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({
      ...suiteConnectionOptions(),
      address: requireEnv('TEST_TEMPORAL_ADDRESS'),
    });
  });

  afterAll(async () => {
    await connection?.close();
  });

  it('is the pinned server version with sharded history and PostgreSQL persistence and visibility', async () => {
    expect(process.env.TEMPORAL_ADDRESS).toBe(process.env.TEST_TEMPORAL_ADDRESS);
    const info = await connection.workflowService.getClusterInfo({});
    expect(info).toMatchObject({
      serverVersion: TEMPORAL_SERVER_VERSION,
      persistenceStore: 'postgres12',
      visibilityStore: 'postgres12',
    });
    expect(info.historyShardCount).toBeGreaterThan(1);
  });

  it('has the renewal search attributes registered with their types', async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    });
    const types: Record<string, temporal.api.enums.v1.IndexedValueType> = {
      KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
      BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    };
    for (const key of RENEWAL_SEARCH_ATTRIBUTES) {
      expect({ name: key.name, type: customAttributes?.[key.name] }).toEqual({ name: key.name, type: types[key.type] });
    }
  });
});
