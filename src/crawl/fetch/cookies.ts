/**
 * A cookie jar for one source session.
 *
 * The 2026 KCNA layout pages its lists by POST and answers a request without its session cookie with
 * HTTP 200 and an empty list, so the crawler must carry cookies like a browser would. This keeps the
 * parts of RFC 6265 that matter for that: host-only vs Domain cookies, Path, Secure, Max-Age/Expires
 * and deletion. One jar per source session keeps sessions from leaking between sources.
 */

interface Cookie {
  name: string;
  value: string;
  /** Lower-case domain, without a leading dot. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  /** Epoch ms, or null for a session cookie. */
  expires: number | null;
}

export class CookieJar {
  private cookies: Cookie[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes every `Set-Cookie` header of a response to `url`. Malformed or foreign-domain cookies are ignored. */
  setFromResponse(url: URL, setCookie: string | string[] | undefined): void {
    const headers =
      setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
    for (const header of headers) this.set(url, header);
  }

  private set(url: URL, header: string): void {
    const [pair, ...attributes] = header.split(';');
    const eq = pair!.indexOf('=');
    if (eq <= 0) return;
    const host = url.hostname.toLowerCase();
    const cookie: Cookie = {
      name: pair!.slice(0, eq).trim(),
      value: pair!.slice(eq + 1).trim(),
      domain: host,
      hostOnly: true,
      path: defaultPath(url),
      secure: false,
      expires: null,
    };
    let maxAgeSeen = false;
    for (const attribute of attributes) {
      const [rawKey, ...rest] = attribute.split('=');
      const key = rawKey!.trim().toLowerCase();
      const value = rest.join('=').trim();
      if (key === 'domain' && value) {
        const domain = value.replace(/^\./, '').toLowerCase();
        if (host !== domain && !host.endsWith(`.${domain}`)) return; // a site may not set cookies for another
        if (!domain.includes('.') && domain !== host) return; // nor for a whole top-level domain (`Domain=kp`)
        cookie.domain = domain;
        cookie.hostOnly = false;
      } else if (key === 'path' && value.startsWith('/')) {
        cookie.path = value;
      } else if (key === 'secure') {
        cookie.secure = true;
      } else if (key === 'max-age' && /^-?\d+$/.test(value)) {
        maxAgeSeen = true;
        cookie.expires = this.now() + Number(value) * 1000;
      } else if (key === 'expires' && !maxAgeSeen) {
        const time = Date.parse(value);
        if (!Number.isNaN(time)) cookie.expires = time;
      }
    }
    this.cookies = this.cookies.filter(
      (c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path),
    );
    if (cookie.expires === null || cookie.expires > this.now()) this.cookies.push(cookie);
  }

  /** The `Cookie` header value for a request to `url`, or null when no cookie applies. */
  headerFor(url: URL): string | null {
    const host = url.hostname.toLowerCase();
    const now = this.now();
    this.cookies = this.cookies.filter((c) => c.expires === null || c.expires > now);
    const matching = this.cookies
      .filter((c) =>
        c.hostOnly ? host === c.domain : host === c.domain || host.endsWith(`.${c.domain}`),
      )
      .filter((c) => pathMatches(url.pathname, c.path))
      .filter((c) => !c.secure || url.protocol === 'https:')
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : null;
  }

  /** Number of cookies held (for tests and logs). */
  get size(): number {
    return this.cookies.length;
  }
}

function defaultPath(url: URL): string {
  const path = url.pathname;
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}
