import v8 from 'node:v8';

/**
 * How a serving process trades speed for resident memory (`MEMORY_PROFILE`; see
 * docs/decisions/memory-profile.md for the figures):
 * - `throughput` (default): V8 and the embedded store as they come.
 * - `small`: for a small machine on the embedded store. Peak RSS through a 100,000-record re-verification
 *   and its report stays under 300 MB, at about half the upload throughput.
 */
export type MemoryProfile = 'throughput' | 'small';
export const MEMORY_PROFILES: readonly MemoryProfile[] = ['throughput', 'small'];

/** PostgreSQL's shared_buffers inside PGlite under the small profile, unless PGLITE_SHARED_BUFFERS says otherwise. */
export const SMALL_PGLITE_SHARED_BUFFERS = '16MB';

/**
 * The small profile's V8 settings. V8 reads both when it needs them, so setting them before the store
 * opens is enough:
 * - `--optimize-for-size`: the collector keeps each heap close to its live size (the main thread's, and the
 *   embedded store's thread, which starts after this) instead of letting garbage build up between full
 *   collections. Uploads then spend much more time collecting.
 * - `--liftoff-only`: the embedded store's WebAssembly is compiled once, by the baseline compiler; without it
 *   hot functions are compiled again by the optimizing compiler, a second copy of about 50 MB. Uploads then
 *   run the store's slower baseline code.
 */
const SMALL_V8_FLAGS = ['--optimize-for-size', '--liftoff-only'];

/** Applies the profile to this process; call it before the store opens. */
export function applyMemoryProfile(profile: MemoryProfile) {
  if (profile === 'small') for (const flag of SMALL_V8_FLAGS) v8.setFlagsFromString(flag);
}
