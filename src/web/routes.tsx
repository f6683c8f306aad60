/**
 * Reader pages, server-rendered: they work without JavaScript; public/site.js only enhances them.
 * One page per file under pages/.
 */
import { Hono } from 'hono';
import type { AppOptions } from '../server/app.js';
import { searchBounds } from '../server/bounds.js';
import { articlePage } from './pages/article.js';
import { changesPage } from './pages/changes.js';
import { whatsNewPage } from './pages/whats-new.js';
import { diffPage } from './pages/diff.js';
import { captureDownload, capturePage, captureRender } from './pages/capture.js';
import { versionPage } from './pages/version.js';
import { dayPage } from './pages/day.js';
import { homePage } from './pages/home.js';
import { peoplePage } from './pages/people.js';
import { personAppearancesCsv, personPage } from './pages/person.js';
import { searchPage } from './pages/search.js';
import { sourcePage } from './pages/source.js';
import { sourcesPage } from './pages/sources.js';
import { sweepPage, sweepSource } from './pages/sweeps.js';

export function webRoutes(options: AppOptions): Hono {
  const { store } = options;
  const app = new Hono();
  app.get('/', (c) => homePage(c, store));
  app.get('/sources', (c) => sourcesPage(c, store, options.today, options.sweeps));
  app.post('/sources/:id/sweep', (c) => sweepSource(c, options.sweeps));
  app.get('/sweeps/:id', (c) => sweepPage(c, store));
  app.get('/changes', (c) => changesPage(c, store));
  app.get('/new', (c) => whatsNewPage(c, store, options.today));
  app.get('/sources/:id', (c) => sourcePage(c, store));
  app.get('/people', (c) => peoplePage(c, store));
  app.get('/people/:id/appearances.csv', (c) => personAppearancesCsv(c, store));
  app.get('/people/:id', (c) => personPage(c, store));
  app.get('/articles/:id', (c) => articlePage(c, store, options.publicUrl));
  app.get('/articles/:id/versions/:seq', (c) => versionPage(c, store, options.publicUrl));
  app.get('/articles/:id/diff', (c) => diffPage(c, store));
  app.get('/days/:day', (c) => dayPage(c, store));
  app.get('/captures/:sha', (c) => capturePage(c, store));
  app.get('/captures/:sha/render', (c) => captureRender(c, store));
  app.get('/captures/:sha/download', (c) => captureDownload(c, store));
  app.get('/search', (c) => searchPage(c, store, searchBounds(options)));
  return app;
}
