import { Client } from 'pg';
import type { RenewalStage } from '../../workflows/contract';

/** The PostgreSQL channel a trigger on `renewals` announces every committed change on. */
export const RENEWAL_CHANGES_CHANNEL = 'renewal_changes';

/** What a change notice carries: the renewal and where it now is, never who it belongs to. */
export interface RenewalChange {
  renewalId: string;
  sequence: number;
  stage: RenewalStage;
  slaBreached: boolean;
  stageDeadline: string | null;
}

export interface RenewalChangeListener {
  stop(): Promise<void>;
}

export interface ListenOptions {
  onChange(change: RenewalChange): void;
  /**
   * Called after the connection was lost and is listening again: notices sent
   * in between are gone, so followers should re-read what they show.
   */
  onResumed(): void;
  onError(error: Error): void;
  /** Wait before reconnecting after a lost connection. */
  retryMs?: number;
}

/**
 * Listens to the renewal change channel on a connection of its own (LISTEN
 * holds a session, so it cannot come from a pool), reconnecting when the
 * connection drops, until stopped.
 */
export async function listenToRenewalChanges(url: string, options: ListenOptions): Promise<RenewalChangeListener> {
  const retryMs = options.retryMs ?? 1_000;
  let stopped = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel !== RENEWAL_CHANGES_CHANNEL || !message.payload) return;
      try {
        options.onChange(JSON.parse(message.payload) as RenewalChange);
      } catch (error) {
        options.onError(error as Error);
      }
    });
    next.on('error', (error) => {
      options.onError(error);
      void next.end().catch(() => undefined);
    });
    next.on('end', () => {
      if (stopped || client !== next) return;
      client = undefined;
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${RENEWAL_CHANGES_CHANNEL}`);
    client = next;
  };

  const scheduleReconnect = () => {
    retry = setTimeout(() => {
      connect()
        .then(() => options.onResumed())
        .catch((error) => {
          options.onError(error);
          if (!stopped) scheduleReconnect();
        });
    }, retryMs);
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
