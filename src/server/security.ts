/**
 * Headers on every response. All article text is untrusted: besides escaping it everywhere, the
 * Content-Security-Policy allows no inline script and nothing from another origin, so even a slip in
 * escaping cannot run a payload. Assets are all served from here (users run wirewatch offline).
 */
import type { MiddlewareHandler } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The headers every answer gets after its own; a page's own policy is kept when it has one. */
export function securityHeadersFor(hasOwnPolicy: boolean): [string, string][] {
  return [
    ...(hasOwnPolicy
      ? []
      : [['Content-Security-Policy', CONTENT_SECURITY_POLICY] as [string, string]]),
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
}

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A captured page rendered inert sets its own, stricter policy (a sandbox): it is kept.
  const own = c.res.headers.has('Content-Security-Policy');
  for (const [name, value] of securityHeadersFor(own)) c.header(name, value);
};
