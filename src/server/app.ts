/**
 * The web application: reader pages (src/web), the JSON API under /api/v1 with its generated OpenAPI
 * document (src/api), Atom feeds (src/feeds), local assets and `/healthz` — one Hono app over one
 * ArchiveStore.
 *
 *   const app = createApp({ store });
 *   await app.request('/api/v1/stats');   // tests need no socket
 */
import { Hono } from 'hono';
import { problemResponse } from '../api/errors.js';
import { healthResponse } from '../api/health.js';
import { apiRoutes } from '../api/routes.js';
import { DEFAULT_LIMITS, type Limits } from '../config.js';
import { Problem } from '../errors.js';
import { feedRoutes } from '../feeds/routes.js';
import type { SweepPlanner } from './sweep-planner.js';
import type { ArchiveStore } from '../store/types.js';
import { errorPage } from '../web/error-page.js';
import { webRoutes } from '../web/routes.js';
import { assetRoutes } from './assets.js';
import { fastLane, type FastLane } from './fast-lane.js';
import { allowedHost, defaultAllowedHosts, hostCheck } from './hosts.js';
import { PageCache } from './page-cache.js';
import { securityHeaders } from './security.js';
import { accessCheck, identifier, type AccessOptions } from './access.js';
import { SignInLimits } from '../accounts/sign-in-limits.js';

/**
 * The pages kept by the page cache: an article, its versions and diff, a day, a source, the article API
 * (and the search API, below).
 */
const CACHED_PAGES = [
  '/articles/*',
  '/days/*',
  '/sources/:id',
  '/api/v1/articles',
  '/api/v1/articles/*',
];

export interface AppOptions {
  store: ArchiveStore;
  /**
   * The public base URL (an origin, e.g. `https://wire.example.org`) that feeds link to; when absent,
   * the origin the request named (one of `allowedHosts`).
   */
  publicUrl?: string;
  /**
   * Host names the app answers for (`*`: any); others get 421. Default: the loopback names. The base
   * URL's host is always allowed.
   */
  allowedHosts?: string[];
  /** The current UTC date (`YYYY-MM-DD`) for coverage flags; tests fix it. Default: the clock's. */
  today?: () => string;
  /** How much work one request may ask for (the config's `limits`); the defaults when absent. */
  limits?: Limits;
  /** Starts sweeps (`POST /api/v1/sweeps`, the Sources page); without it they are refused. */
  sweeps?: SweepPlanner;
  /** Who may read and write (server/access.ts); by default open while the archive has no users. */
  access?: AccessOptions;
  /** Compressed bytes of rendered pages kept (server/page-cache.ts); its default when absent. */
  pageCacheBytes?: number;
  /** Sign-in and token rate limits; made from `limits.auth` when absent. */
  signInLimits?: SignInLimits;
}

const PROBLEM_TITLES: Record<Problem['status'], string> = {
  400: 'The request could not be answered',
  401: 'Sign in first',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Already there',
  421: 'Wrong address',
  429: 'Too many requests',
  503: 'Busy',
};

export function createApp(options: AppOptions): Hono {
  return createWeb(options).app;
}

/** The app, and the lane that answers its kept pages without it (server/fast-lane.ts). */
export function createWeb(options: AppOptions): { app: Hono; fastLane: FastLane } {
  const app = new Hono();
  const hostAllowed = allowedHost(options.allowedHosts ?? defaultAllowedHosts(), options.publicUrl);
  const cache = new PageCache(options.store, {
    today: options.today,
    maxBytes: options.pageCacheBytes,
  });
  app.use('*', securityHeaders);
  app.use('*', hostCheck(hostAllowed));
  const signInLimits =
    options.signInLimits ?? new SignInLimits((options.limits ?? DEFAULT_LIMITS).auth);
  options = { ...options, signInLimits };
  const identify = identifier(options.store, signInLimits, options.access);
  app.use('*', accessCheck(options.store, identify));
  // The health check, plain and cheap (api/health.ts); /api/v1/health answers the same.
  app.get('/healthz', (c) => healthResponse(c, options.store));
  // Pages that depend on nothing but the archive (and the day): kept while it is unchanged, with ETags.
  const cached = cache.middleware();
  for (const path of CACHED_PAGES) app.use(path, cached);
  // A search answers the same until the archive changes, unless its query reaches back from now
  // (`archived:24h`): those are made every time.
  app.use('/api/v1/search', (c, next) =>
    /archived\s*:/i.test(c.req.query('q') ?? '') ? next() : cached(c, next),
  );
  app.route('/assets', assetRoutes());
  app.route('/api', apiRoutes(options));
  app.route('/feeds', feedRoutes(options));
  app.route('/', webRoutes(options));
  // Sub-apps' own handlers do not see paths no route matched: answer here, in the format the path implies.
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json(
          {
            error: {
              code: 'not_found',
              message: `no such endpoint: ${c.req.method} ${c.req.path}`,
            },
          },
          404,
        )
      : c.html(errorPage(404, 'Not found', 'There is no page at this address.'), 404),
  );
  app.onError((error, c) => {
    if (error instanceof Problem) {
      if (c.req.path.startsWith('/api/')) return problemResponse(c, error);
      if (error.retryAfterSeconds !== null)
        c.header('Retry-After', String(error.retryAfterSeconds));
      if (c.req.path.startsWith('/feeds/')) return c.text(error.message, error.status);
      return c.html(
        errorPage(error.status, PROBLEM_TITLES[error.status], error.message),
        error.status,
      );
    }
    process.stderr.write(
      `error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    return c.req.path.startsWith('/api/')
      ? c.json(
          { error: { code: 'internal', message: 'the server failed to answer this request' } },
          500,
        )
      : c.html(
          errorPage(500, 'Something went wrong', 'The server failed to answer this request.'),
          500,
        );
  });
  return { app, fastLane: fastLane({ store: options.store, cache, hostAllowed, identify }) };
}
