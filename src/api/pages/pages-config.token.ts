import { Inject } from '@nestjs/common';

export const PAGES_CONFIG = Symbol('PAGES_CONFIG');

/** Injects the pages' configuration: `@InjectPagesConfig() config: PagesConfig`. */
export const InjectPagesConfig = () => Inject(PAGES_CONFIG);
