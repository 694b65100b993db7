import { Client, type ClientInterceptors, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { AppConfig } from '../config/configuration';
import { requireTemporalAddress } from '../config/configuration';

export async function connectTemporalClient(
  temporal: AppConfig['temporal'],
  dataConverter: DataConverter,
  interceptors?: ClientInterceptors,
): Promise<Client> {
  const connection = await Connection.connect({ address: requireTemporalAddress(temporal) });
  return new Client({ connection, namespace: temporal.namespace, dataConverter, interceptors });
}
