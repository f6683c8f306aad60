/**
 * What a page says about itself in its <head>: meta tags by name/property, and JSON-LD objects.
 * Read once, before the body is touched, so title, date and language all draw on the same view.
 */
import type { AnyNode } from 'domhandler';
import { attr, elements, rawText } from './dom.js';

export interface PageMeta {
  /** Lower-cased `name`, `property` or `itemprop` → contents, first occurrence first. */
  tags: Map<string, string[]>;
  /** Every object found in JSON-LD blocks, `@graph` members flattened in. */
  jsonLd: Record<string, unknown>[];
  /** <title> text. */
  title: string | null;
  /** `<html lang>`. */
  lang: string | null;
  /** `<time datetime>` values in document order. */
  times: string[];
  /** Short texts of elements named as dates (`span.publish-time`, `div#article-date`), in order. */
  printedDates: string[];
}

// Class or id naming a publication date; `update`/`modified` ones are left out on purpose.
const DATE_NAME =
  /(?:^|[\s_-])(?:publish(?:ed)?[-_]?(?:time|date|on)?|pub[-_]?date|post[-_]?date|entry[-_]?date|article[-_]?date|news[-_]?date|date[-_]?published|dateline|date)(?:$|[\s_-])/i;
const MAX_PRINTED_DATE = 80;

function collectJson(value: unknown, out: Record<string, unknown>[], depth = 0): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collectJson(v, out, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  out.push(obj);
  if (obj['@graph']) collectJson(obj['@graph'], out, depth + 1);
  if (obj.mainEntity) collectJson(obj.mainEntity, out, depth + 1);
}

export function readMeta(doc: AnyNode): PageMeta {
  const meta: PageMeta = {
    tags: new Map(),
    jsonLd: [],
    title: null,
    lang: null,
    times: [],
    printedDates: [],
  };
  const add = (key: string, value: string) => {
    if (!key || !value) return;
    const list = meta.tags.get(key);
    if (list) list.push(value);
    else meta.tags.set(key, [value]);
  };
  for (const el of elements(doc)) {
    const name = el.name;
    if (name === 'meta') {
      const content = attr(el, 'content').trim();
      for (const k of ['name', 'property', 'itemprop', 'http-equiv'])
        add(attr(el, k).trim().toLowerCase(), content);
    } else if (name === 'script' && /ld\+json/i.test(attr(el, 'type'))) {
      try {
        collectJson(JSON.parse(rawText(el).trim()), meta.jsonLd);
      } catch {
        // Broken JSON-LD is common (trailing commas, raw newlines); the page still has other evidence.
      }
    } else if (name === 'title' && meta.title === null) {
      meta.title = rawText(el);
    } else if (name === 'html' && meta.lang === null) {
      meta.lang = attr(el, 'lang') || attr(el, 'xml:lang') || null;
    } else if (name === 'time') {
      const dt = attr(el, 'datetime');
      if (dt) meta.times.push(dt);
    } else if (el.attribs.itemprop && /date(published|created)/i.test(el.attribs.itemprop)) {
      add(
        el.attribs.itemprop.toLowerCase(),
        attr(el, 'datetime') || attr(el, 'content') || rawText(el),
      );
    }
    if (
      meta.printedDates.length < 5 &&
      DATE_NAME.test(
        `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.replace(/([a-z])([A-Z])/g, '$1-$2'),
      )
    ) {
      const text = rawText(el).trim();
      if (text && text.length <= MAX_PRINTED_DATE) meta.printedDates.push(text);
    }
  }
  return meta;
}

export function firstTag(meta: PageMeta, keys: string[]): string | null {
  for (const k of keys) {
    const v = meta.tags.get(k)?.find((x) => x.trim());
    if (v) return v.trim();
  }
  return null;
}

/** The first string `field` of a JSON-LD object whose @type looks like an article. */
export function jsonLdField(meta: PageMeta, field: string): string | null {
  const articleLike = (o: Record<string, unknown>) =>
    [o['@type']]
      .flat()
      .some(
        (t) => typeof t === 'string' && /Article|Posting|Report|Blog|NewsArticle|WebPage/i.test(t),
      );
  for (const pass of [true, false]) {
    for (const o of meta.jsonLd) {
      if (pass && !articleLike(o)) continue;
      const v = o[field];
      if (typeof v === 'string' && v.trim()) return v.trim();
    }
  }
  return null;
}
