import 'reflect-metadata';
import { requireDatabaseUrl } from '../config/database';
import { loadKeyRotationProcessConfig } from '../config/processes';
import { openDataSource } from './data-source';
import { PersonalDataProtection } from './personal-data';
import { createPersistence } from './persistence';

/**
 * `npm run keys:rotate`: re-encrypts, under PERSONAL_DATA_KEY_CURRENT, every value of personal data at rest still
 * under a retired key of PERSONAL_DATA_KEYS, in batches of HOUSEKEEPING_BATCH_SIZE, each its own short
 * transaction that skips rows in use, while the API and the workers serve. Run it after making a new key
 * current everywhere (the housekeeping schedule also does a batch per run, so it finishes by itself, slower).
 * It ends by printing which key encrypts how many values: a retired key at 0 may be removed.
 */
async function main(): Promise<void> {
  const config = loadKeyRotationProcessConfig(process.env);
  const protection = new PersonalDataProtection(config.personalDataKeys);
  const batchSize = config.housekeeping.retention.batchSize;
  const db = await openDataSource(requireDatabaseUrl(config.databaseUrl), 2, 'renewals-keys-rotate');
  try {
    const persistence = createPersistence(db, protection);
    console.log(
      `Re-encrypting under "${protection.currentKeyId}" from ${protection.retiredKeyIds().join(', ') || 'no retired key'}`,
    );
    let total = 0;
    for (;;) {
      const done = await persistence.personalData.reencryptBatch(batchSize);
      total += done;
      if (done > 0) console.log(`  ${total} re-encrypted`);
      // A batch short of full found nothing more (or only rows in use: run again to take those).
      if (done < batchSize) break;
    }
    console.log(
      `Done: ${total} re-encrypted. Values per key id: ${JSON.stringify(await persistence.personalData.keyUsage())}`,
    );
  } finally {
    await db.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
