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

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A captured page rendered inert sets its own, stricter policy (a sandbox): it is kept.
  if (!c.res.headers.has('Content-Security-Policy'))
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
};
