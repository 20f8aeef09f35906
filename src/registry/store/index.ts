export { applyMigrations, MIGRATIONS, type Migration } from './migrations.js';
export { DEFAULT_STORE, openDuckdbStore, openPostgresStore, openStore } from './open-store.js';
export type * from './types.js';
