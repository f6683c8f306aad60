/**
 * Which Host the app answers for, and the origin its absolute links use.
 *
 * Feeds need absolute links. Built from whatever Host a request names, they would let anyone who can
 * reach the server (or a DNS-rebinding page in a user's browser) make it serve links to their own
 * site, and a cache in front would keep them. So a request must name a host on the allow-list, and
 * links use the configured base URL when there is one.
 */
import type { MiddlewareHandler } from 'hono';
import { Problem } from '../errors.js';
import { ANY_HOST, LOOPBACK_HOSTS, normalHost } from './host-names.js';

export { ANY_HOST, LOOPBACK_HOSTS, normalHost };

/**
 * The allow-list when none is given: the loopback names and the address the server is bound to
 * (unless that is every address, which names no host). `hostCheck` adds the base URL's host.
 */
export function defaultAllowedHosts(boundHost?: string): string[] {
  const bound = boundHost ? normalHost(boundHost) : null;
  const unspecified = bound === '0.0.0.0' || bound === '::';
  return [...LOOPBACK_HOSTS, ...(bound && !unspecified ? [bound] : [])];
}

/** Whether a host (a Host header, or a URL's host) is on the list: a missing one is. */
export function allowedHost(allowed: string[], publicUrl?: string): (host?: string) => boolean {
  const hosts = new Set(allowed.map(normalHost).filter((h): h is string => h !== null));
  if (publicUrl) hosts.add(normalHost(new URL(publicUrl).host)!);
  if (hosts.has(ANY_HOST)) return () => true;
  return (host) => {
    if (host === undefined) return true;
    const h = normalHost(host);
    return h !== null && hosts.has(h);
  };
}

/** Refuses, with 421 Misdirected Request, a request that names a host the list does not hold. */
export function hostCheck(ok: (host?: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    // The URL's host is the Host header, or the request target's own for an absolute-form request.
    if (ok(c.req.header('host')) && ok(new URL(c.req.url).host)) return next();
    // The app's onError answers it as JSON, text or a page, by the path.
    throw new Problem(
      421,
      'misdirected',
      'This server does not answer for this host name (see `wirewatch serve --allowed-hosts`).',
    );
  };
}

/** The origin for absolute links: the base URL when given, else the (allowed) host the request named. */
export function linkOrigin(url: string, publicUrl: string | undefined): string {
  return publicUrl ?? new URL(url).origin;
}
