/**
 * The shared vocabulary of the renewal: what the workflow, its activities, the
 * API, the read model and the partner adapters all speak. It imports nothing of
 * the project (only Temporal's message and search-attribute helpers), so any
 * layer may import it and the workflow bundle stays free of server code.
 */
export * from './acceptance';
export * from './activities';
export * from './carrier';
export * from './citizen';
export * from './counter';
export * from './ids';
export * from './maintenance';
export * from './messages';
export * from './notices';
export * from './offices';
export * from './partners';
export * from './renewal';
export * from './riyadh-time';
export * from './search-attributes';
export * from './stages';
export * from './user-metadata';
export * from './workflow-types';
