/** The 404 page in the site frame, for an unknown source, article or day. */
import type { Context } from 'hono';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';

export function notFoundPage(c: Context, title: string, message: string) {
  return sendPage(
    c,
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p class="muted">
        HTTP 404 · <a href="/">Latest articles</a> · <a href="/sources">All sources</a> ·{' '}
        <a href="/search">Search</a>
      </p>
    </Layout>,
    404,
  );
}
