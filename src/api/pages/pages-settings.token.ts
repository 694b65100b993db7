import { Inject } from '@nestjs/common';

export const PAGES_SETTINGS = Symbol('PAGES_SETTINGS');

/** Injects the pages' configuration: `@InjectPagesSettings() config: PagesConfig`. */
export const InjectPagesSettings = () => Inject(PAGES_SETTINGS);
