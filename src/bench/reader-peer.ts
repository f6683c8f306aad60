/**
 * The reader benchmark's limit on this machine (issue 17): the article pages' own bytes, fetched from
 * wirewatch once, served from memory by a bare `node:http` server in a process of its own. Reads the
 * pages as JSON (`{ "/articles/…": "<html>…" }`) from the file named on the command line and prints
 * `{"url": …}` once it listens on 127.0.0.1; SIGTERM stops it. A client that accepts gzip gets the
 * page compressed (once, at start, at zlib's default level, as wirewatch's page cache keeps it).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

const pages = new Map(
  Object.entries(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Record<string, string>).map(
    ([path, body]) => [path, Buffer.from(body)],
  ),
);
const zipped = new Map([...pages].map(([path, body]) => [path, gzipSync(body)]));
const server = createServer((req, res) => {
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = (gzip ? zipped : pages).get(req.url ?? '');
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    ...(gzip ? { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } : {}),
  });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
