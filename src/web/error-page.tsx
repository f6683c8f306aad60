import { Layout } from './layout.js';

/** A plain error page in the site frame; never shows internals. */
export function errorPage(status: number, title: string, message: string): string {
  return (
    '<!doctype html>' +
    (
      <Layout title={title}>
        <h1>{title}</h1>
        <p>{message}</p>
        <p class="muted">
          HTTP {status} · <a href="/">Latest articles</a>
        </p>
      </Layout>
    ).toString()
  );
}
