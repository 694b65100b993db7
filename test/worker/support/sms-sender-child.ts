import 'reflect-metadata';
import { requireDatabaseUrl } from '../../../src/config/database';
import { loadWorkerProcessConfig } from '../../../src/config/processes';
import type { SmsGateway } from '../../../src/integrations/sms/port';
import { openDataSource } from '../../../src/persistence/data-source';
import { createPersistence } from '../../../src/persistence/persistence';
import { PersonalDataProtection } from '../../../src/persistence/personal-data';
import { loadSandboxConfig } from '../../../dev/sandboxes/config';
import { openSandboxDataSource } from '../../../dev/sandboxes/database';
import { createSandboxes } from '../../../dev/sandboxes/sandboxes';
import { SmsOutboxSender } from '../../../src/worker/sms-outbox-sender';

/**
 * A worker's SMS sender in a process of its own, for the test that kills it.
 * It says `SEND <key>` before each call to the gateway; after the gateway has
 * accepted its `HANG_AFTER_SENDS`-th message it says `SENT <key>` and never
 * returns, so the notice stays unrecorded until the test SIGKILLs the process.
 */
async function main(): Promise<void> {
  const config = loadWorkerProcessConfig(process.env);
  const url = requireDatabaseUrl(config.databaseUrl);
  const db = await openDataSource(url);
  const sandboxes = createSandboxes(loadSandboxConfig(process.env), await openSandboxDataSource(url, 2));
  const hangAfter = Number(process.env.HANG_AFTER_SENDS);
  let sent = 0;
  const gateway: SmsGateway = {
    async send(message) {
      console.log(`SEND ${message.messageKey}`);
      const receipt = await sandboxes.sms.send(message);
      sent += 1;
      if (sent === hangAfter) {
        console.log(`SENT ${message.messageKey}`);
        await new Promise(() => undefined);
      }
      return receipt;
    },
  };
  const log = { warn: (message: string) => console.log(`WARN ${message}`) };
  new SmsOutboxSender(
    createPersistence(db, new PersonalDataProtection(config.personalDataKeys)).smsOutbox,
    sandboxes.registry,
    gateway,
    config.smsSender,
    log,
  ).start();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
