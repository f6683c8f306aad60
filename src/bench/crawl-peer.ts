/**
 * The crawl benchmark's peer: the least a crawler must do per article — fetch the page over HTTP
 * (undici, one request at a time, as politeness allows one per host) and keep its bytes (a gzip
 * member appended to a file, as a `.warc.gz` would) — with no archive, no extraction and no queue.
 * Prints one JSON line: `{articles, seconds, maxRssKiB}`.
 *
 *   node dist/bench/crawl-peer.js <port> <articles> <out-file>
 */
import { createWriteStream } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { articlePath } from './crawl-paths.js';

async function main(): Promise<void> {
  const [port, n, out] = [process.argv[2], Number(process.argv[3]), process.argv[4]!];
  const file = createWriteStream(out);
  const started = performance.now();
  let done = 0;
  for (let i = 0; i < n; i++) {
    const res = await request(`http://127.0.0.1:${port}${articlePath(i)}`);
    const body = Buffer.from(await res.body.arrayBuffer());
    if (res.statusCode === 200) done++;
    if (!file.write(gzipSync(body))) await new Promise<void>((r) => file.once('drain', () => r()));
  }
  await new Promise<void>((r) => file.end(() => r()));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ articles: done, seconds, maxRssKiB: process.resourceUsage().maxRSS })}\n`,
  );
}

void main();
