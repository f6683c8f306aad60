/**
 * The page frame: landmarks (header, nav, main, footer), a skip link, the search box, local CSS and
 * one deferred local script for progressive enhancement. hono/jsx escapes every interpolated value.
 */
import { assetHref } from '../server/asset-versions.js';
import type { Child } from 'hono/jsx';
import { plainTitle } from './format.js';

export type Section = 'home' | 'new' | 'sources' | 'changes' | 'people' | 'search' | 'days';

export interface LayoutProps {
  title: string;
  /** Current search text, echoed into the header search box. */
  query?: string;
  /** Alternate links such as the page's Atom feed. */
  feeds?: { title: string; href: string }[];
  /** The navigation entry to mark as current. */
  section?: Section;
  /** A wider main column (search results beside their facets, tables). */
  wide?: boolean;
  /** False on the search page, whose own form has the query box. */
  searchBox?: boolean;
  children?: Child;
}

const NAV: { section: Section; href: string; text: string }[] = [
  { section: 'home', href: '/', text: 'Latest' },
  { section: 'new', href: '/new', text: "What's new" },
  { section: 'sources', href: '/sources', text: 'Sources' },
  { section: 'changes', href: '/changes', text: 'Changes' },
  { section: 'people', href: '/people', text: 'People' },
  { section: 'search', href: '/search', text: 'Search' },
];

export function Layout(props: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${plainTitle(props.title)} · wirewatch`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assetHref('site.css')} />
        {(props.feeds ?? []).map((f) => (
          <link
            rel="alternate"
            type="application/atom+xml"
            title={plainTitle(f.title)}
            href={f.href}
          />
        ))}
        <script src={assetHref('site.js')} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site">
          <a class="brand" href="/">
            wirewatch
          </a>
          <nav aria-label="Main">
            {NAV.map((n) => (
              <a href={n.href} aria-current={props.section === n.section ? 'page' : undefined}>
                {n.text}
              </a>
            ))}
          </nav>
          {props.searchBox === false ? (
            ''
          ) : (
            <form
              class="search-box"
              role="search"
              aria-label="Site search"
              action="/search"
              method="get"
            >
              <label for="q" class="visually-hidden">
                Search the archive
              </label>
              <input
                id="q"
                name="q"
                type="search"
                value={props.query ?? ''}
                placeholder='e.g. "Kim Jong Un" date:2012'
                autocomplete="off"
              />
              <button type="submit">Search</button>
            </form>
          )}
        </header>
        <main id="main" tabindex={-1} class={props.wide ? 'wide' : undefined}>
          {props.children}
        </main>
        <footer class="site">
          <p>
            wirewatch — an open archive of state-media wire copy. Text as published by its sources;
            nothing here is endorsed. <a href="/account">Your account</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
