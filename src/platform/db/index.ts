export {
  DEFAULT_PGLITE_SHARED_BUFFERS,
  DEFAULT_QUERY_TIMEOUT_MS,
  openStore,
  PGLITE_VERSION,
  type Database,
  type Store,
  type StoreOptions,
} from './store.ts';
export { migrate } from './migrate.ts';
export { Repository } from './repository.ts';
export type { DB } from './schema.ts';
export { isStoreUnavailable, StoreErrors } from './store-errors.ts';
export { ChangeNotices } from './change-notices.ts';
export type { ReadCache } from './read-cache.ts';
