/** Parses a feed with Debian's python3-feedparser (the real parser feed readers build on). */
import { spawnSync } from 'node:child_process';

export interface ParsedFeed {
  bozo: number;
  bozoException: string | null;
  version: string;
  feed: {
    id: string | null;
    title: string | null;
    updated: string | null;
    author: string | null;
    links: { rel: string; href: string }[];
  };
  entries: {
    id: string | null;
    title: string | null;
    link: string | null;
    summary: string | null;
    updated: string | null;
    published: string | null;
    author: string | null;
  }[];
}

const SCRIPT = `
import feedparser, json, sys
d = feedparser.parse(sys.stdin.buffer.read())
f = d.feed
print(json.dumps({
  'bozo': int(d.bozo), 'bozoException': str(d.get('bozo_exception')) if d.bozo else None, 'version': d.version,
  'feed': {'id': f.get('id'), 'title': f.get('title'), 'updated': f.get('updated'), 'author': f.get('author'),
           'links': [{'rel': l.get('rel'), 'href': l.get('href')} for l in f.get('links', [])]},
  'entries': [{'id': e.get('id'), 'title': e.get('title'), 'link': e.get('link'), 'summary': e.get('summary'),
               'updated': e.get('updated'), 'published': e.get('published'), 'author': e.get('author')} for e in d.entries],
}))
`;

export function parseFeed(xml: string): ParsedFeed {
  const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT], {
    input: Buffer.from(xml, 'utf8'),
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`feedparser failed: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString()) as ParsedFeed;
}
