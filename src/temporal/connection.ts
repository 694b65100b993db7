import { Client, type ClientInterceptors, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { requireTemporalAddress, type TemporalConfig } from '../config/temporal';

export async function connectTemporalClient(
  temporal: TemporalConfig,
  dataConverter: DataConverter,
  interceptors?: ClientInterceptors,
): Promise<Client> {
  const connection = await Connection.connect({ address: requireTemporalAddress(temporal) });
  return new Client({ connection, namespace: temporal.namespace, dataConverter, interceptors });
}
