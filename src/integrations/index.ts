import type { CivilRegistry } from './civil-registry/port';
import type { PrintCentre } from './print-centre/port';
import type { Sadad } from './sadad/port';
import type { SaudiPost } from './saudi-post/port';
import type { SmsGateway } from './sms/port';
import type { Wasel } from './wasel/port';

/** The six outside systems, each behind its port. */
export interface Integrations {
  registry: CivilRegistry;
  sadad: Sadad;
  printCentre: PrintCentre;
  wasel: Wasel;
  saudiPost: SaudiPost;
  sms: SmsGateway;
}
