import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Citizens } from './citizens';
import { Observer } from './observer';
import { type Stack, startStack } from './stack';

/** A started stack and the bench's own ways into it: SQL, a Temporal client (no codec: it reads no payloads), citizens. */
export interface BenchContext {
  stack: Stack;
  db: DataSource;
  temporal: Client;
  citizens: Citizens;
  observer: Observer;
  close(): Promise<void>;
}

export async function openContext(): Promise<BenchContext> {
  const stack = await startStack();
  const db = await new DataSource({ type: 'postgres', url: stack.databaseUrl, poolSize: 4 }).initialize();
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const observer = new Observer(db);
  observer.start();
  return {
    stack,
    db,
    temporal: new Client({ connection }),
    citizens: new Citizens(db),
    observer,
    async close() {
      await observer.stop();
      await connection.close();
      await db.destroy();
      await stack.stop();
    },
  };
}
