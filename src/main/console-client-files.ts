import type { VouchModule } from '../platform/module.ts';
import type { ConsoleParts } from './console-modules.ts';

/** The console's client file pages, wired from the container's parts. */
export function consoleClientFilesModules(_parts: ConsoleParts): VouchModule[] {
  return [];
}
