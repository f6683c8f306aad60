/**
 * Kept pages answered straight from node:http.
 *
 * A page cache hit made through the app costs about 150 µs, most of it making a web Request and a
 * Response around bytes that are already made; at 50 connections that is what limits the reader. Here
 * a GET is answered from the raw request when its page is kept, after the checks the app makes before
 * it: the host is on the list (hosts.ts), the request names no token or session and anybody may read
 * (access.ts), and the answer carries the security headers (security.ts). Anything else (another
 * method, a host to refuse, a signed-in user, a page not kept, a store that fails) goes to the app.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Scope } from '../store/accounts-types.js';
import type { ArchiveStore } from '../store/types.js';
import { namesSomeone, requiredScope } from './access.js';
import type { KeptAnswer, PageCache } from './page-cache.js';
import { securityHeadersFor } from './security.js';

/** What the lane reads of a request (node:http's IncomingMessage has it). */
export interface RawRequest {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

/** The kept answer to a request, or null: the app answers it. */
export type FastLane = (request: RawRequest) => Promise<KeptAnswer | null>;

export interface FastLaneParts {
  store: ArchiveStore;
  cache: PageCache;
  hostAllowed: (host?: string) => boolean;
  anonymousScopes: (token: string) => Promise<Scope[]>;
}

export function fastLane(parts: FastLaneParts): FastLane {
  const { store, cache, hostAllowed, anonymousScopes } = parts;
  return async ({ method, url, headers }) => {
    // An absolute-form target or a missing Host: the app sorts those out.
    const host = headers.host;
    if (method !== 'GET' || !url?.startsWith('/') || host === undefined) return null;
    if (!hostAllowed(host) || namesSomeone(headers)) return null;
    const needed = requiredScope('GET', url.split('?', 1)[0]!);
    const token = await store.changeToken();
    if (needed !== null && !(await anonymousScopes(token)).includes(needed)) return null;
    const kept = cache.find(host, url, token, {
      ifNoneMatch: headers['if-none-match'],
      acceptEncoding: headers['accept-encoding'],
    });
    if (!kept) return null;
    const ownPolicy = kept.headers.some(([name]) => name === 'content-security-policy');
    return { ...kept, headers: [...kept.headers, ...securityHeadersFor(ownPolicy)] };
  };
}
