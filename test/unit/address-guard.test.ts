import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isBlockedAddress } from '../../src/modules/webhooks/index.ts';

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
const hex = (n: number) => n.toString(16);
/** The eight groups as an IPv6 literal. */
const v6 = (bytes: number[]) => Array.from({ length: 8 }, (_, i) => hex((bytes[2 * i] << 8) | bytes[2 * i + 1])).join(':');

/** `a.b.c.d` embedded in `prefix` (16 bytes, of which the first `length / 8` count) as RFC 6052 section 2.2 places it. */
function embed(prefix: number[], length: 48 | 56 | 64 | 96, v4: number[], suffix: number[]): string {
  const bytes = [...prefix.slice(0, length / 8), ...Array(16 - length / 8).fill(0)];
  // Bits 64 to 71 (byte 8) are always zero; the IPv4 bytes go around them.
  const slots = { 48: [6, 7, 9, 10], 56: [7, 9, 10, 11], 64: [9, 10, 11, 12], 96: [12, 13, 14, 15] }[length];
  slots.forEach((at, i) => {
    bytes[at] = v4[i];
  });
  // Bytes after the IPv4 address carry the suffix (zero in RFC 6052; whatever a caller writes here).
  for (let at = slots[3] + 1, k = 0; at < 16; at++, k++) bytes[at] = suffix[k];
  return v6(bytes);
}

describe('webhook address guard', () => {
  it('judges IPv4-translated addresses (::ffff:0:a.b.c.d) by their IPv4 address', () => {
    for (const [v4, blocked] of [
      ['127.0.0.1', true],
      ['10.0.0.5', true],
      ['169.254.169.254', true],
      ['192.168.1.1', true],
      ['8.8.8.8', false],
      ['93.184.215.14', false],
    ] as const) {
      expect(isBlockedAddress(`::ffff:0:${v4}`), v4).toBe(blocked);
    }
    fc.assert(
      fc.property(ipv4, ([a, b, c, d]) => {
        const v4 = `${a}.${b}.${c}.${d}`;
        expect(isBlockedAddress(`::ffff:0:${hex((a << 8) | b)}:${hex((c << 8) | d)}`)).toBe(isBlockedAddress(v4));
        expect(isBlockedAddress(`0:0:0:0:ffff:0:${v4}`)).toBe(isBlockedAddress(v4));
      }),
    );
  });

  it('refuses all of local-use NAT64 (64:ff9b:1::/48), whatever its prefix length and embedded address', () => {
    const prefix = fc
      .tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255))
      .map((rest) => [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01, ...rest, 0, 0, 0, 0]);
    const suffix = fc.array(fc.nat(255), { minLength: 16, maxLength: 16 });
    fc.assert(
      fc.property(prefix, fc.constantFrom(48 as const, 56 as const, 64 as const, 96 as const), ipv4, suffix, (p, length, v4, s) => {
        expect(isBlockedAddress(embed(p, length, v4, s))).toBe(true);
      }),
    );
    // 10.0.8.8 under a /48 reads as the public 8.8.0.0 under a /64: no single reading would be safe.
    expect(embed([0, 0x64, 0xff, 0x9b, 0, 1], 48, [10, 0, 8, 8], Array(16).fill(0))).toBe('64:ff9b:1:a00:8:800:0:0');
    expect(isBlockedAddress('64:ff9b:1:a00:8:800::')).toBe(true);
    expect(isBlockedAddress('64:ff9b:1::808:808')).toBe(true);
    expect(isBlockedAddress('64:ff9b:1:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    // Its neighbours are judged as before: the well-known NAT64 prefix by its embedded address.
    expect(isBlockedAddress('64:ff9b::808:808')).toBe(false);
    expect(isBlockedAddress('64:ff9b::a00:5')).toBe(true);
  });
});
