import { loadPseudonymKey } from '../../../src/config/api';
import { loadPersonalDataKeysConfig } from '../../../src/config/personal-data-keys';
import { PersonalDataProtection } from '../../../src/persistence/personal-data';
import { benchDataDir, type Stack, startStack } from './stack';

/**
 * The stack of the desk figure: a data folder of its own that is never wiped (seeding a year takes a while),
 * `dev/bench/.data/desk` unless BENCH_DESK_DATA_DIR names another; BENCH_ATTACH=1 uses a running stack instead.
 */
export function deskDataDir(): string {
  return process.env.BENCH_DESK_DATA_DIR ?? benchDataDir('desk');
}

export function startDeskStack(): Promise<Stack> {
  // Request logs as deployed (JSON): npm start's pretty printing costs the API a third of its time per request here.
  process.env.LOG_FORMAT ??= 'json';
  return startStack({ fresh: false, dataDir: deskDataDir() });
}

/**
 * The keys the stack under test holds: the bench passes the environment through to it (productEnv), so both
 * read PERSONAL_DATA_KEYS and API_PSEUDONYM_KEY from it, or both take the development defaults.
 */
export function stackPersonalData(): PersonalDataProtection {
  return new PersonalDataProtection(loadPersonalDataKeysConfig(process.env), loadPseudonymKey(process.env));
}
