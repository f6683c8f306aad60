/**
 * A captured HTML page made inert for reading (pure), like a replay tool's view but stricter: only
 * an allow-list of text and structure elements survives, with an allow-list of attributes; scripts,
 * styles, frames, objects, forms' fields and SVG go with their content; every event handler, style
 * and URL attribute goes; images become their alt text; links point to the archive's copies where it
 * has them and nowhere otherwise. The page is also served with a `sandbox` CSP that blocks scripts,
 * forms and every fetch, so a slip here still runs nothing (server/security.ts, pages/capture.tsx).
 */
import { Parser } from 'htmlparser2';

const KEPT = new Set(
  (
    'a abbr address article aside b bdi bdo big blockquote br caption center cite code col colgroup ' +
    'dd del details dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i ins ' +
    'kbd label legend li main mark nav ol p pre q s samp section small span strike strong sub summary ' +
    'sup table tbody td tfoot th thead time tr tt u ul var wbr fieldset'
  ).split(' '),
);
/** Dropped with everything inside them. */
const DROPPED = new Set(
  'script style noscript template iframe frame frameset object embed applet svg math head select textarea canvas audio video'.split(
    ' ',
  ),
);
const VOID = new Set('br col hr img input wbr area base link meta param source track'.split(' '));
const ATTRIBUTES = new Set(['title', 'colspan', 'rowspan', 'lang', 'dir', 'datetime', 'align']);

const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** An http(s) URL resolved against the page, or null (javascript:, data:, mailto:, malformed). */
export function absoluteLink(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Every http(s) link of the page, resolved: what the caller looks up in the archive. */
export function pageLinks(html: string, base: string): string[] {
  const links = new Set<string>();
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name !== 'a' || attrs.href === undefined) return;
      const url = absoluteLink(attrs.href, base);
      if (url) links.add(url.replace(/#.*$/, ''));
    },
  });
  parser.end(html);
  return [...links];
}

export interface InertPage {
  /** The document's own title, as text. */
  title: string;
  /** The body's inert HTML. */
  body: string;
}

/**
 * `archived(url)` gives the archive's path for a link target (fragment removed), or null: the
 * link is then kept as text with its address in a title, pointing nowhere.
 */
export function inertHtml(
  html: string,
  base: string,
  archived: (url: string) => string | null,
): InertPage {
  const out: string[] = [];
  const open: string[] = [];
  let dropping = 0;
  let title = '';
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'title') inTitle = true;
        if (dropping || DROPPED.has(name)) {
          if (!VOID.has(name)) dropping++;
          return;
        }
        if (name === 'img') {
          const alt = (attrs.alt ?? '').trim();
          out.push(`<span class="ww-img">[image${alt ? `: ${escapeText(alt)}` : ''}]</span>`);
          return;
        }
        if (!KEPT.has(name)) return;
        const kept = Object.entries(attrs)
          .filter(([k]) => ATTRIBUTES.has(k))
          .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`);
        if (name === 'a') kept.push(linkAttributes(attrs.href, base, archived));
        out.push(`<${name}${kept.join('')}>`);
        if (!VOID.has(name)) open.push(name);
      },
      ontext(text) {
        if (inTitle) title += text;
        else if (!dropping) out.push(escapeText(text));
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (dropping) {
          if (DROPPED.has(name) || !VOID.has(name)) dropping = Math.max(0, dropping - 1);
          return;
        }
        const at = open.lastIndexOf(name);
        if (at < 0) return;
        // Close what the page left open inside it, so the output is always well nested.
        while (open.length > at) out.push(`</${open.pop()}>`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  while (open.length) out.push(`</${open.pop()}>`);
  return { title: title.replace(/\s+/g, ' ').trim(), body: out.join('') };
}

function linkAttributes(
  href: string | undefined,
  base: string,
  archived: (url: string) => string | null,
): string {
  if (href === undefined) return '';
  if (/^#[\w-]*$/.test(href.trim())) return ` href="${escapeAttr(href.trim())}"`;
  const url = absoluteLink(href, base);
  if (!url) return ' class="ww-dead"';
  const copy = archived(url.replace(/#.*$/, ''));
  return copy
    ? ` href="${escapeAttr(copy)}" class="ww-archived" title="${escapeAttr(`archived copy of ${url}`)}"`
    : ` class="ww-missing" title="${escapeAttr(`not in the archive: ${url}`)}"`;
}
