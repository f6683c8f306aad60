/**
 * The SSRF guard: decides whether a URL may be fetched, and pins the address it checked.
 *
 * The check happens after DNS resolution, because a public-looking name can resolve to 10.0.0.1. The
 * address that passed is then the one the connection uses (see `pinnedConnector`): resolving again at
 * connect time would let a DNS-rebinding server answer "public" to the check and "private" to the
 * connection. The fetcher calls `check` for the first URL and again for every redirect hop.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { bareAddress, canonicalAddress, nonPublicReason, v6Groups } from './addresses.js';

export type Resolver = (hostname: string) => Promise<string[]>;

/**
 * What a user opens when they allow "private" addresses (a source's `allowPrivate`, `extract
 * --allow-private`): the private ranges (RFC 1918, IPv6 unique-local) and loopback. Not link-local,
 * where cloud metadata answers (169.254.169.254), nor CGNAT, multicast or the reserved blocks.
 */
export const PRIVATE_NETWORKS: readonly string[] = [
  '127.0.0.0/8',
  '::1',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  'fc00::/7',
];

export interface GuardOptions {
  /**
   * Addresses allowed even though they are not public: exact addresses (`127.0.0.1`, `::1`) or CIDR
   * blocks (`10.1.0.0/16`, `fd00::/8`). Tests allow 127.0.0.1 to reach the local fixture site.
   */
  allow?: readonly string[];
  /** Name resolution; the system resolver by default. Tests map names like `site.test` here. */
  resolve?: Resolver;
  /** How long a checked address stays pinned to its name. */
  pinTtlMs?: number;
}

/** `unresolved`: the name did not resolve, a network failure rather than a refusal. */
export type Verdict =
  { ok: true; address: string } | { ok: false; reason: string; unresolved?: { code: string } };

/** A connection the guard refused; the fetcher records it as a refusal, not as a network error. */
export class RefusedError extends Error {
  readonly code = 'WIREWATCH_REFUSED';
}

const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export class NetworkGuard {
  private readonly allowExact = new Set<string>();
  private readonly allowCidr: Array<{ base: number; size: number }> = [];
  private readonly allowCidr6: Array<{ prefix: bigint; shift: bigint }> = [];
  private readonly resolve: Resolver;
  private readonly pinTtlMs: number;
  private readonly pins = new Map<string, { address: string; until: number }>();

  constructor(options: GuardOptions = {}) {
    for (const entry of options.allow ?? []) {
      const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(entry);
      const cidr6 = /^([0-9a-f:.]+)\/(\d+)$/i.exec(entry);
      if (cidr) {
        const size = 2 ** (32 - Number(cidr[2]));
        this.allowCidr.push({ base: Math.floor(v4(cidr[1]!) / size) * size, size });
      } else if (cidr6 && isIP(cidr6[1]!) === 6) {
        const shift = BigInt(128 - Number(cidr6[2]));
        this.allowCidr6.push({ prefix: v6(cidr6[1]!) >> shift, shift });
      } else {
        this.allowExact.add(canonicalAddress(entry));
      }
    }
    this.resolve = options.resolve ?? systemResolver;
    this.pinTtlMs = options.pinTtlMs ?? 60_000;
  }

  /** Why this address may not be contacted, or null. The allow list overrides the ranges. */
  refusal(address: string): string | null {
    const canonical = canonicalAddress(address);
    if (this.allowExact.has(canonical)) return null;
    if (
      isIP(canonical) === 4 &&
      this.allowCidr.some((c) => v4(canonical) >= c.base && v4(canonical) < c.base + c.size)
    )
      return null;
    if (isIP(canonical) === 6 && this.allowCidr6.some((c) => v6(canonical) >> c.shift === c.prefix))
      return null;
    const reason = nonPublicReason(canonical);
    return reason ? `${bareAddress(address)} is ${reason}` : null;
  }

  /** Scheme, then resolution, then every resolved address. Pins the first address on success. */
  async check(url: URL): Promise<Verdict> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { ok: false, reason: `scheme ${url.protocol} is not http(s)` };
    if (url.username || url.password) return { ok: false, reason: 'credentials in the URL' };
    const host = bareAddress(url.hostname);
    let addresses: string[];
    if (isIP(host)) {
      addresses = [host];
    } else {
      try {
        addresses = await this.resolve(host);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'ENOTFOUND';
        return { ok: false, reason: `cannot resolve ${host}: ${code}`, unresolved: { code } };
      }
      if (addresses.length === 0)
        return {
          ok: false,
          reason: `cannot resolve ${host}: no address`,
          unresolved: { code: 'ENODATA' },
        };
    }
    // Every address must pass: a name that also resolves privately is refused outright.
    for (const address of addresses) {
      const reason = this.refusal(address);
      if (reason)
        return { ok: false, reason: isIP(host) ? reason : `${host} resolves to ${reason}` };
    }
    // Keep a live pin while the name still resolves to it, so keep-alive connections and the
    // WARC-IP-Address recorded for them agree. The canonical form connects IPv4-mapped over IPv4.
    const current = this.pinned(host);
    const address =
      current && addresses.some((a) => canonicalAddress(a) === current)
        ? current
        : canonicalAddress(addresses[0]!);
    this.pins.set(host, { address, until: Date.now() + this.pinTtlMs });
    return { ok: true, address };
  }

  /** The address `check` pinned for a host (null once expired or never checked). */
  pinned(hostname: string): string | null {
    const pin = this.pins.get(bareAddress(hostname));
    return pin && pin.until > Date.now() ? pin.address : null;
  }

  /**
   * An undici `connect` function that connects only to the pinned address (checking afresh when the
   * pin has expired), keeping the host name for TLS SNI and certificate checks.
   */
  pinnedConnector(options: { timeoutMs: number }): buildConnector.connector {
    const base = buildConnector({ timeout: options.timeoutMs });
    return (opts, callback) => {
      const host = bareAddress(opts.hostname);
      const pin = this.pinned(host);
      const ready: Promise<Verdict> = pin
        ? Promise.resolve({ ok: true, address: pin })
        : this.check(new URL(`${opts.protocol}//${opts.hostname}/`));
      ready.then(
        (verdict) => {
          if (!verdict.ok) return callback(new RefusedError(verdict.reason), null);
          const servername = isIP(host) ? undefined : (opts.servername ?? host);
          base(
            { ...opts, hostname: verdict.address, ...(servername ? { servername } : {}) },
            callback,
          );
        },
        (error: Error) => callback(error, null),
      );
    };
  }
}

function v4(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function v6(address: string): bigint {
  return v6Groups(address).reduce((n, group) => (n << 16n) | BigInt(group), 0n);
}
