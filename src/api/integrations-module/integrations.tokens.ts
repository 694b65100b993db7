import { Inject } from '@nestjs/common';

/** The civil registry port (src/integrations/civil-registry/port.ts), for the citizen's review and the carrier. */
export const CIVIL_REGISTRY = Symbol('CIVIL_REGISTRY');
/** The Wasel port (src/integrations/wasel/port.ts), for the carrier's envelope look-up. */
export const WASEL = Symbol('WASEL');

export const InjectCivilRegistry = () => Inject(CIVIL_REGISTRY);
export const InjectWasel = () => Inject(WASEL);
