/**
 * Kept pages answered straight from node:http.
 *
 * A page cache hit made through the app costs about 150 µs, most of it making a web Request and a
 * Response around bytes that are already made; at 50 connections that is what limits the reader. Here
 * a GET is answered from the raw request when its page is kept, after the checks the app makes before
 * it: the host is on the list (hosts.ts), and whoever asks (nobody, a session, a token) may read
 * (access.ts); the answer gets the headers the app would add (private for a user, the security
 * headers). Anything else (another method, a host to refuse, a refusal, a page not kept, a store that
 * fails) goes to the app.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../accounts/principal.js';
import type { ArchiveStore } from '../store/types.js';
import {
  isPrivateAnswer,
  PRIVATE_CACHE_CONTROL,
  PRIVATE_VARY,
  requiredScope,
  type Identify,
} from './access.js';
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
  identify: Identify;
}

export function fastLane(parts: FastLaneParts): FastLane {
  const { store, cache, hostAllowed, identify } = parts;
  return async ({ method, url, headers }) => {
    // An absolute-form target or a missing Host: the app sorts those out.
    const host = headers.host;
    if (method !== 'GET' || !url?.startsWith('/') || host === undefined) return null;
    if (!hostAllowed(host)) return null;
    const needed = requiredScope('GET', url.split('?', 1)[0]!);
    const token = await store.changeToken();
    const kept = cache.find(host, url, token, {
      ifNoneMatch: headers['if-none-match'],
      acceptEncoding: headers['accept-encoding'],
    });
    if (!kept) return null;
    // Who asks is found out only for a kept page. A refusal (a token unknown or over its rate
    // limit, a scope missing) is the app's to answer: it asks again, so a refused token request
    // counts twice against its limit, which only refused requests do.
    let principal: Principal;
    try {
      principal = await identify(headers, async () => token);
    } catch {
      return null;
    }
    if (needed !== null && !principal.scopes.includes(needed)) return null;
    return { ...kept, headers: finalHeaders(kept.headers, principal) };
  };
}

/** The headers the app's middleware would add: who may keep it (access.ts), then security.ts. */
function finalHeaders(kept: [string, string][], principal: Principal): [string, string][] {
  const headers = isPrivateAnswer(principal)
    ? [
        ...kept.filter(([name]) => name !== 'cache-control'),
        ['cache-control', PRIVATE_CACHE_CONTROL] as [string, string],
        ['vary', PRIVATE_VARY] as [string, string],
      ]
    : kept;
  const ownPolicy = headers.some(([name]) => name === 'content-security-policy');
  return [...headers, ...securityHeadersFor(ownPolicy)];
}
