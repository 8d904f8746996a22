import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyMemoryProfile } from '../../src/main/memory-profile.ts';

describe('memory profile', () => {
  // The flags are recorded, not set: they would change how V8 runs the rest of this test process.
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('small sets the V8 flags that keep heaps near their live size and compile WebAssembly once', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    applyMemoryProfile('small');
    expect(set.mock.calls.map(([flag]) => flag).sort()).toEqual(['--liftoff-only', '--optimize-for-size']);
  });

  it('throughput leaves V8 as it comes', () => {
    const set = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => {});
    applyMemoryProfile('throughput');
    expect(set).not.toHaveBeenCalled();
  });
});
