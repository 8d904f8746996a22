/**
 * A token's allow-list of client addresses: IP addresses and CIDR ranges, IPv4 and IPv6. An IPv4 address
 * written the IPv4-mapped IPv6 way (`::ffff:192.0.2.1`, as a dual-stack socket reports an IPv4 peer) is
 * that IPv4 address, in the list and in the request alike. Pure: the textual forms are parsed here.
 */

/** How many entries one token's list may hold. */
export const ALLOWED_ADDRESSES_MAX = 50;

interface Range {
  v6: boolean;
  /** The first address of the range, as a number of 32 (IPv4) or 128 (IPv6) bits. */
  base: bigint;
  prefix: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const MAPPED_BASE = 0xffffn << 32n;
const MAPPED_PREFIX = 96;

function ipv4Bits(text: string): bigint | null {
  if (!IPV4.test(text)) return null;
  return text.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

/** The 128 bits of an IPv6 address (with `::` and a dotted IPv4 tail allowed), else null. No zone ids. */
function ipv6Bits(text: string): bigint | null {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.length > 45) return null;
  let groups = text.split(':');
  const last = groups[groups.length - 1];
  if (last.includes('.')) {
    const v4 = ipv4Bits(last);
    if (v4 === null) return null;
    groups = [...groups.slice(0, -1), ((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16)];
  }
  const joined = groups.join(':');
  const halves = joined.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return all.reduce((n, g) => (n << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}

/** An address with the family it counts as: an IPv4-mapped IPv6 address counts as its IPv4 address. */
function parseAddress(raw: string): { v6: boolean; bits: bigint } | null {
  // A link-local peer may come with its zone (`fe80::1%eth0`); the zone names an interface, not an address.
  const text = raw.replace(/%[^%]*$/, '');
  const v4 = ipv4Bits(text);
  if (v4 !== null) return { v6: false, bits: v4 };
  const v6 = ipv6Bits(text);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { v6: false, bits: v6 & 0xffffffffn };
  return { v6: true, bits: v6 };
}

const maskOf = (width: number, prefix: number) => ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - prefix)) - 1n);

/** One entry (`192.0.2.7`, `198.51.100.0/24`, `2001:db8::/32`, `::ffff:192.0.2.0/120`) as a range, else null. */
export function parseRange(entry: string): Range | null {
  const [addressText, prefixText, extra] = entry.split('/');
  if (extra !== undefined) return null;
  if (prefixText !== undefined && !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return null;
  const v4 = ipv4Bits(addressText);
  const v6 = v4 === null ? ipv6Bits(addressText) : null;
  if (v4 === null && v6 === null) return null;
  const width = v4 !== null ? 32 : 128;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (prefix > width) return null;
  let range: Range = { v6: v4 === null, base: (v4 ?? v6 ?? 0n) & maskOf(width, prefix), prefix };
  // A range within the IPv4-mapped block is the IPv4 range it maps.
  if (range.v6 && prefix >= MAPPED_PREFIX && range.base >> 32n === 0xffffn) {
    range = { v6: false, base: range.base & 0xffffffffn, prefix: prefix - MAPPED_PREFIX };
  }
  return range;
}

/** The entries that are not an IP address or CIDR range (so a refusal can name them). */
export const invalidEntries = (entries: readonly string[]) => entries.filter((e) => parseRange(e) === null);

function contains(range: Range, address: { v6: boolean; bits: bigint }): boolean {
  if (!range.v6) return !address.v6 && (address.bits & maskOf(32, range.prefix)) === range.base;
  // An IPv4 client is also inside an IPv6 range that covers the IPv4-mapped block (`::/0`, `::ffff:0:0/96`).
  const bits = address.v6 ? address.bits : MAPPED_BASE | address.bits;
  return (bits & maskOf(128, range.prefix)) === range.base;
}

/** Whether `address` (a request's client address, null when unknown) is in the list; a null list allows any. */
export function addressAllowed(list: readonly string[] | null, address: string | null): boolean {
  if (list === null) return true;
  const parsed = address === null ? null : parseAddress(address);
  if (!parsed) return false;
  return list.some((entry) => {
    const range = parseRange(entry);
    return range !== null && contains(range, parsed);
  });
}
