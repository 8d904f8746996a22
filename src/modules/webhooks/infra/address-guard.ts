import dns from 'node:dns';
import net from 'node:net';

/**
 * The SSRF guard: webhook targets must be public addresses. Loopback, private, shared (CGNAT), link-local,
 * unspecified, multicast, documentation and reserved ranges are refused, in IPv4 and IPv6, including IPv6
 * forms that embed an IPv4 address (mapped, translated, compatible, NAT64, 6to4), which are judged by that
 * address.
 */
const blockedV4 = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blockedV4.addSubnet(net4, prefix, 'ipv4');

const blockedV6 = new net.BlockList();
for (const [net6, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
  ['2001::', 23],
  // Local-use NAT64 (RFC 8215) is refused whole rather than judged by an embedded IPv4 address. Its
  // operator picks the prefix length (/48, /56, /64 or /96), which moves the IPv4 address inside it
  // (RFC 6052 section 2.2), and nothing in an address tells which: `64:ff9b:1:a00:8:800::` embeds
  // 10.0.8.8 under a /48 and 8.8.0.0 under a /64. Nor is it ever a public target: the range is not
  // globally reachable (IANA), it leads only to a translator inside the operator's own network.
  ['64:ff9b:1::', 48],
] as const)
  blockedV6.addSubnet(net6, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (which must be valid). */
function groups(ip: string): number[] {
  let text = ip.toLowerCase().split('%')[0];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1].split('.').map(Number);
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}

const v4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** True when `ip` (an IPv4 or IPv6 literal) must not be a webhook target. Anything unparseable counts as blocked. */
export function isBlockedAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = net.isIP(bare.split('%')[0]);
  if (family === 4) return blockedV4.check(bare, 'ipv4');
  if (family !== 6) return true;
  const g = groups(bare);
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(5) && g[5] === 0xffff) return isBlockedAddress(v4Of(g[6], g[7])); // ::ffff:a.b.c.d
  if (zeros(4) && g[4] === 0xffff && g[5] === 0) return isBlockedAddress(v4Of(g[6], g[7])); // ::ffff:0:a.b.c.d (translated, RFC 2765)
  if (zeros(6) && (g[6] !== 0 || g[7] > 1)) return isBlockedAddress(v4Of(g[6], g[7])); // ::a.b.c.d (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return isBlockedAddress(v4Of(g[6], g[7])); // NAT64
  if (g[0] === 0x2002) return isBlockedAddress(v4Of(g[1], g[2])); // 6to4
  return blockedV6.check(g.map((x) => x.toString(16)).join(':'), 'ipv6');
}

/**
 * The guard's refusal. Its message reaches whoever registered the URL (the 400 at registration, the
 * delivery attempts): it says only that the target is not public, never which address a name resolved
 * to, so the guard cannot be used to read the server's internal DNS.
 */
export class BlockedTargetError extends Error {
  readonly code = 'EBLOCKEDTARGET';
  constructor() {
    super('Refused: the target is not a public address');
  }
}

/** Resolves a host name (or takes an IP literal) and refuses it when any of its addresses is blocked. */
export async function checkHost(hostname: string): Promise<void> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) {
    if (isBlockedAddress(host)) throw new BlockedTargetError();
    return;
  }
  const addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  if (addresses.some((a) => isBlockedAddress(a.address))) throw new BlockedTargetError();
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for outgoing sockets that applies the guard to the addresses the socket will connect to, so
 * that a name which resolved to a public address at registration cannot be pointed at an internal one later.
 */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback) {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    if (addresses.some((a) => isBlockedAddress(a.address))) return callback(new BlockedTargetError(), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
