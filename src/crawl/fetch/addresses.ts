/**
 * Which IP addresses the crawler may connect to. Pure.
 *
 * A crawler that follows links and redirects from pages it does not control must never be steered to
 * the machine it runs on or the network around it (cloud metadata at 169.254.169.254, a database on
 * 10.x, an admin page on ::1). Only globally routable unicast addresses are public here.
 */
import { isIP } from 'node:net';

/** IPv4 ranges that are not public unicast, with the reason a refusal reports. */
const V4_RANGES: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'CGNAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

/** Strips the brackets a URL puts around an IPv6 literal and a zone id (`fe80::1%eth0`). */
export function bareAddress(host: string): string {
  const inner = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return inner.split('%')[0]!.toLowerCase();
}

/** 32-bit value of a dotted IPv4 address. */
function v4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4Range(address: string, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(v4Number(address) / size) === Math.floor(v4Number(base) / size);
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 part converted). */
export function v6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4Number(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

/**
 * The IPv4 address embedded in an IPv6 one, for the forms that route to it: IPv4-mapped
 * (`::ffff:127.0.0.1`), IPv4-translated (`::ffff:0:127.0.0.1`, SIIT), IPv4-compatible
 * (`::127.0.0.1`, deprecated), NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`). Without this,
 * `[::ffff:10.0.0.1]` would pass as "an IPv6 address that is not private".
 */
export function embeddedV4(groups: number[]): string | null {
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  if (zeroUpTo(5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!);
  if (zeroUpTo(4) && groups[4] === 0xffff && groups[5] === 0) return v4(groups[6]!, groups[7]!);
  if (zeroUpTo(6) && (groups[6]! !== 0 || groups[7]! > 1)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0))
    return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return null;
}

/**
 * Why an address is not public, or null when it is. Accepts IPv4, IPv6 and bracketed IPv6; anything
 * that is not an IP address is "not an IP address" (hostnames must be resolved first).
 */
export function nonPublicReason(host: string): string | null {
  const address = bareAddress(host);
  const family = isIP(address);
  if (family === 4) {
    for (const [base, bits, reason] of V4_RANGES) if (inV4Range(address, base, bits)) return reason;
    return null;
  }
  if (family !== 6) return 'not an IP address';
  const g = v6Groups(address);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  const v4 = embeddedV4(g);
  if (v4) {
    const reason = nonPublicReason(v4);
    return reason ? `${reason} (IPv4 ${v4} inside IPv6)` : null;
  }
  const first = g[0]!;
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xffc0) === 0xfec0) return 'site-local';
  if ((first & 0xfe00) === 0xfc00) return 'unique-local';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if (first === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'discard-only';
  // RFC 8215: translation inside one network, whatever IPv4 address it carries.
  if (first === 0x0064 && g[1] === 0xff9b && g[2] === 0x0001) return 'local-use NAT64';
  // Every public IPv6 address is in 2000::/3; the rest is reserved or unassigned.
  if ((first & 0xe000) !== 0x2000) return 'not global unicast';
  if ((first === 0x2001 && g[1] === 0x0db8) || (first === 0x3fff && g[1]! < 0x1000))
    return 'documentation';
  // Teredo tunnels to an IPv4 host hidden (XOR-ed) inside; the rest of 2001::/23 are protocol
  // anycast and ORCHID blocks a crawler has no business with.
  if (first === 0x2001 && g[1] === 0x0000) return 'Teredo';
  if (first === 0x2001 && g[1]! < 0x0200) return 'IETF protocol assignments';
  return null;
}

/** The canonical text of an address, so `::ffff:7f00:1` and `127.0.0.1` compare equal in allow lists. */
export function canonicalAddress(host: string): string {
  const address = bareAddress(host);
  if (isIP(address) !== 6) return address;
  const groups = v6Groups(address);
  const v4 =
    groups.slice(0, 5).every((x) => x === 0) && groups[5] === 0xffff ? embeddedV4(groups) : null;
  return v4 ?? groups.map((x) => x.toString(16)).join(':');
}
