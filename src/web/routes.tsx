/**
 * Reader pages, server-rendered: they work without JavaScript; public/site.js only enhances them.
 * One page per file under pages/.
 */
import { Hono } from 'hono';
import type { AppOptions } from '../server/app.js';
import { searchBounds } from '../server/bounds.js';
import { articlePage } from './pages/article.js';
import { translationPage } from './pages/article-translations.js';
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
import { loginPage, loginSubmit, logout } from './pages/login.js';
import { accountMakeToken, accountPage, accountRevokeToken } from './pages/account.js';
import { auditPage } from './pages/audit.js';
import {
  followConfirmPage,
  followNewsPage,
  savedSearchNewsPage,
  watchingPage,
  watchPost,
} from './pages/watching.js';
import { alertsPage, alertsPost } from './pages/alerts.js';
import { SignInLimits } from '../accounts/sign-in-limits.js';
import { DEFAULT_LIMITS } from '../config.js';

export function webRoutes(options: AppOptions): Hono {
  const { store } = options;
  const app = new Hono();
  const now = options.access?.now ?? (() => new Date());
  const limits = options.limits ?? DEFAULT_LIMITS;
  const signIn = {
    store,
    limits: options.signInLimits ?? new SignInLimits(limits.auth),
    sessionHours: limits.auth.sessionHours,
    now,
  };
  app.get('/login', (c) => loginPage(c));
  app.post('/login', (c) => loginSubmit(c, signIn));
  app.post('/logout', (c) => logout(c, store));
  app.get('/account', (c) => accountPage(c, store, now));
  app.post('/account/tokens', (c) => accountMakeToken(c, store, now));
  app.post('/account/tokens/:id/revoke', (c) => accountRevokeToken(c, store, now));
  app.get('/admin/audit', (c) => auditPage(c, store));
  app.get('/account/watching', (c) => watchingPage(c, store));
  app.get('/account/alerts', (c) => alertsPage(c, store));
  app.post('/account/alerts/channels', (c) => alertsPost(c, store, now, 'add'));
  app.post('/account/alerts/channels/:id/remove', (c) => alertsPost(c, store, now, 'remove'));
  app.post('/account/alerts/channels/:id/resume', (c) => alertsPost(c, store, now, 'resume'));
  app.post('/account/alerts/deliveries/:id/replay', (c) => alertsPost(c, store, now, 'replay'));
  app.get('/account/searches/:id', (c) => savedSearchNewsPage(c, store));
  app.get('/account/follows/:id', (c) => followNewsPage(c, store));
  app.get('/account/follow', (c) => followConfirmPage(c, store));
  app.post('/account/searches', (c) => watchPost(c, store, now, 'save'));
  app.post('/account/searches/:id/remove', (c) => watchPost(c, store, now, 'unsave'));
  app.post('/account/searches/:id/seen', (c) => watchPost(c, store, now, 'seen-search'));
  app.post('/account/follows', (c) => watchPost(c, store, now, 'follow'));
  app.post('/account/follows/:id/remove', (c) => watchPost(c, store, now, 'unfollow'));
  app.post('/account/follows/:id/seen', (c) => watchPost(c, store, now, 'seen-follow'));
  app.get('/', (c) => homePage(c, store));
  app.get('/sources', (c) => sourcesPage(c, store, options.today, options.sweeps));
  app.post('/sources/:id/sweep', (c) => sweepSource(c, store, options.sweeps));
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
  app.get('/articles/:id/translations/:other', (c) => translationPage(c, store));
  app.get('/days/:day', (c) => dayPage(c, store));
  app.get('/captures/:sha', (c) => capturePage(c, store));
  app.get('/captures/:sha/render', (c) => captureRender(c, store));
  app.get('/captures/:sha/download', (c) => captureDownload(c, store));
  app.get('/search', (c) => searchPage(c, store, searchBounds(options)));
  return app;
}
