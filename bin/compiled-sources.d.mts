/** The URL of the compiled form of `entry` (a path under src/), compiled when the sources changed. */
export function compiledEntry(entry: string): Promise<string>;
