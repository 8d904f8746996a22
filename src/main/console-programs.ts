import type { VouchModule } from '../platform/module.ts';
import type { ConsoleParts } from './console-modules.ts';

/** The console's program pages, wired from the container's parts. */
export function consoleProgramsModules(_parts: ConsoleParts): VouchModule[] {
  return [];
}
