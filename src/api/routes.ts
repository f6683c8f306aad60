/**
 * The JSON API under /api/v1. Routes are declared with @hono/zod-openapi (one file per resource), so the
 * OpenAPI 3 document at /api/openapi.json is generated from them and cannot drift. One error shape
 * everywhere (errors.ts): `{"error": {"code": "...", "message": "..."}}`. docs/api.md is the overview.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { DEFAULT_LIMITS } from '../config.js';
import type { AppOptions } from '../server/app.js';
import { searchBounds } from '../server/bounds.js';
import { accountRoutes } from './accounts.js';
import { articleRoutes } from './articles.js';
import { changeRoutes } from './changes.js';
import { utcToday } from '../history/coverage-report.js';
import { apiOnError, errorBody, validationMessage } from './errors.js';
import { healthRoutes } from './health.js';
import { peopleRoutes } from './people.js';
import { searchRoutes } from './search.js';
import { sourceRoutes } from './sources.js';
import { statsRoutes } from './stats.js';
import { sweepRoutes } from './sweeps.js';
import { watchingRoutes } from './watching.js';

export function apiRoutes(options: AppOptions): OpenAPIHono {
  const { store, today } = options;
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success)
        return c.json(errorBody('bad_request', validationMessage(result.error.issues)), 400);
    },
  });
  healthRoutes(app, store);
  articleRoutes(app, store);
  sourceRoutes(app, store);
  searchRoutes(app, store, searchBounds(options), options.publicUrl);
  statsRoutes(app, store);
  sweepRoutes(app, store, options.sweeps ?? null);
  peopleRoutes(app, store);
  accountRoutes(app, store);
  watchingRoutes(app, store, options.access?.now ?? (() => new Date()));
  changeRoutes(
    app,
    store,
    today ?? utcToday,
    (options.limits ?? DEFAULT_LIMITS).coverage.maxDays,
    options.publicUrl,
  );
  app.onError(apiOnError);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (`ww_…`) made on the account page or with `wirewatch tokens add`',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'wirewatch_session',
    description: 'The cookie of a browser signed in at /login; its forms also send X-CSRF-Token',
  });
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'wirewatch API',
      version: '1',
      description:
        'An open archive of state-media wire copy. Lists are `{items, total, next}`; pass `next` back as `cursor`. Every error is `{"error": {"code", "message"}}`.',
    },
    servers: [{ url: '/api' }],
    // None needed on an archive with no users served on loopback, or for reading with --public-read.
    security: [{}, { bearerToken: [] }, { sessionCookie: [] }],
  });
  return app;
}
