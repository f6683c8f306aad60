/**
 * The crawl benchmark's site (a child process, so serving does not share the measured worker's
 * thread): N article pages in KCNA's 2026 markup (`main article h1` and `<p>`s), their text the real
 * KCNA stories of the corpus, cycled and numbered. Prints `port=<n>` once it listens.
 *
 *   node dist/bench/crawl-site.js <articles>
 */
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { corpusPath } from './corpus.js';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function stories(): Promise<Array<{ title: string; paragraphs: string[] }>> {
  const out: Array<{ title: string; paragraphs: string[] }> = [];
  const lines = createInterface({ input: createReadStream(corpusPath()).pipe(createGunzip()) });
  for await (const line of lines) {
    const r = JSON.parse(line) as { title?: string; body?: string; language?: string };
    if (r.language !== 'en' || !r.title || !r.body) continue;
    out.push({ title: r.title, paragraphs: r.body.split(/\n+/).filter(Boolean) });
  }
  return out;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? '100000');
  const corpus = await stories();
  const page = (i: number) => {
    const s = corpus[i % corpus.length]!;
    const body = s.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n');
    return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(s.title)}</title></head><body>
<header><nav><a href="/">Home</a></nav></header>
<main><article><h1 class="text-center">${escape(s.title)} (${i})</h1>
<p>Pyongyang, March ${(i % 28) + 1} (KCNA) -- Story number ${i}.</p>
${body}
</article></main><footer>KCNA</footer></body></html>`;
  };
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('User-agent: *\nDisallow:\n');
    }
    const m = /^\/en\/article\/detail\/([0-9a-f]{32})$/.exec(path);
    const i = m ? parseInt(m[1]!, 16) : -1;
    if (i < 0 || i >= n) {
      res.writeHead(404, { 'content-type': 'text/html' });
      return res.end('<p>Not Found</p>');
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(i));
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`port=${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

void main();
