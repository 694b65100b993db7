import type { PagesConfig } from '../../config/pages';
import type { SeededIdentityView } from './dto/dev-sign-in.dto';

/**
 * What only the launching process gives the pages: `npm start`, with the
 * registry sandbox, hands the development sign-in the seeded citizens to offer
 * (the API never reaches into the partner simulator for them).
 */
export interface PagesOptions {
  devSignIn?: { citizens: SeededIdentityView[] };
}

/** The pages' settings once the launcher's wishes meet the configuration. */
export interface PagesSettings extends PagesConfig {
  devSignIn: boolean;
  devCitizens: SeededIdentityView[];
}

/** The development sign-in exists only when asked for, and never under NODE_ENV=production. */
export function pagesSettings(config: PagesConfig, options: PagesOptions): PagesSettings {
  const devSignIn = options.devSignIn !== undefined && !config.production;
  return { ...config, devSignIn, devCitizens: devSignIn ? options.devSignIn!.citizens : [] };
}
