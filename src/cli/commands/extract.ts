import type { Command } from 'commander';
import { decodeResponse } from '../../capture/decode.js';
import { extractHtmlArticle } from '../../extract/html/index.js';
import type { PublishedDate } from '../../extract/types.js';
import { EXIT, printJson, printText } from '../output.js';
import { terminalSafe } from '../terminal-safe.js';
import type { GlobalFlags } from '../open-store.js';
import { fetchPage, isUrl, PageReadError, readPageFile } from '../read-page.js';

/**
 * `wirewatch extract FILE|URL`: what the generic HTML extractor reads from one page, without
 * touching the archive. A way to check a page before importing it, or to see why a page came out
 * as it did.
 */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description(
      'print the article the generic HTML extractor finds in a page (a file, .gz allowed, or an http(s) URL)',
    )
    .argument(
      '<file-or-url>',
      'an HTML file (plain or gzip) or an http(s) URL (fetched with a 10 s timeout and a 10 MB cap)',
    )
    .option('--url <url>', 'for a file: the URL it was saved from (a date in it is evidence)')
    .option(
      '--allow-private',
      'for a URL: let it (and its redirects) reach private and loopback addresses, ' +
        'a page on this machine or network; refused by default',
    )
    .addHelpText('after', '\nExit codes: 0 ok, 1 the file or URL could not be read, 2 usage error.')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals() as GlobalFlags & { url?: string; allowPrivate?: boolean };
      let page;
      try {
        page = isUrl(ref)
          ? await fetchPage(ref, { allowPrivate: flags.allowPrivate === true })
          : await readPageFile(ref);
      } catch (error) {
        if (!(error instanceof PageReadError)) throw error;
        printText(`wirewatch: ${terminalSafe(error.message)}\n`, process.stderr);
        process.exitCode = EXIT.rejected;
        return;
      }
      const decoded = decodeResponse(page.bytes, page.headers);
      const url = page.url ?? flags.url ?? undefined;
      const extracted = extractHtmlArticle(decoded.text, url);
      const coding = decoded.codingError;
      const undone = coding ? [`content coding not undone (${coding}); read as received`] : [];
      const article = { ...extracted, warnings: [...undone, ...extracted.warnings] };
      if (flags.json) {
        printJson({
          source: ref,
          url: url ?? null,
          encoding: decoded.charset,
          encodingBasis: decoded.source,
          ...article,
          language: article.language ?? null,
        });
        return;
      }
      const lines = [
        terminalSafe(article.title ?? '[no title]'),
        `published: ${formatPublished(article.published)}`,
        `language:  ${terminalSafe(article.language ?? 'not declared')}`,
        `encoding:  ${decoded.charset} (from ${decoded.source})`,
        ...article.warnings.map((w) => `warning: ${terminalSafe(w)}`),
        '',
        ...article.paragraphs.flatMap((p) => [terminalSafe(p, 'block'), '']),
      ];
      printText(`${lines.join('\n')}\n`);
    });
}

function formatPublished(d: PublishedDate | null): string {
  if (!d) return 'unknown';
  const pad = (n: number | null) => (n === null ? '??' : String(n).padStart(2, '0'));
  return `${d.year ?? '(year unknown)'}-${pad(d.month)}-${pad(d.day)} (from ${d.basis})`;
}
