/** A scraped page's text → one article and its teaser list. */
import type { CaptureRecord, ArchiveStore } from '../store/types.js';
import { captureContent } from '../capture/open-capture.js';
import { decodeUtf8 } from '../capture/lines.js';
import { looksBinary } from '../capture/sniff.js';
import { extractTextPage } from '../extract/text-page.js';
import type { ExtractContext } from '../extract/types.js';
import { applyArticle, applyTeaser } from '../reconcile/apply.js';
import { countOutcome, reject, type IngestReport } from './report.js';
import type { SourceCache } from './sources-cache.js';
import { oversizedText, type FieldLimits } from './record-limits.js';

/** A page is a few KB; anything this large is not one page, and is kept but not extracted. */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024;

export async function ingestTextPage(
  store: ArchiveStore,
  capture: CaptureRecord,
  sources: SourceCache,
  report: IngestReport,
  limits: FieldLimits,
): Promise<void> {
  const where = capture.origin;
  const read = await readBounded(store, capture);
  if ('error' in read)
    return reject(
      report,
      `${where}: ${read.error}; the bytes are kept (capture ${capture.sha256.slice(0, 12)})`,
    );
  if (looksBinary(read.bytes))
    return reject(report, `${where}: binary data, not text; not extracted, the bytes are kept`);
  const decoded = decodeUtf8(read.bytes);
  if ('error' in decoded)
    return reject(report, `${where}: ${decoded.error}; not extracted, the bytes are kept`);
  if (!decoded.text.trim()) return reject(report, `${where}: empty file`);

  const ctx = contextOf(capture);
  const page = extractTextPage(decoded.text, ctx);
  report.records++;
  for (const w of page.warnings) report.warnings.push(`${where}: ${w}`);
  if (page.articles.length === 0 && page.teasers.length === 0) {
    return reject(report, `${where}: no article text found (no dateline, no body paragraphs)`);
  }
  const at = { captureSha256: capture.sha256, locator: '', seenAt: capture.capturedAt };
  await store.transaction(async () => {
    for (const article of page.articles) {
      const oversized = oversizedText(article.title, article.paragraphs, limits);
      if (oversized) {
        reject(report, `${where}: ${oversized}`);
        continue;
      }
      const label = ctx.sourceLabel ?? article.sourceLabel ?? page.listingSourceLabel;
      const source = label
        ? await sources.resolve(label, article.language, article.url)
        : article.url
          ? await sources.resolveUrl(article.url, article.language)
          : null;
      if (!source) {
        reject(
          report,
          `${where}: the page names no source; give --source (e.g. --source "KCNA.kp (En)")`,
        );
        continue;
      }
      countOutcome(report, (await applyArticle(store, source.id, article, at)).outcome);
    }
    const listingLabel = page.listingSourceLabel ?? ctx.sourceLabel;
    const listingSource = listingLabel ? await sources.resolve(listingLabel, null) : null;
    if (page.teasers.length && !listingSource) {
      reject(
        report,
        `${where}: teaser list without a source name; its ${page.teasers.length} teasers were not recorded`,
      );
      return;
    }
    for (const teaser of page.teasers) {
      countOutcome(
        report,
        (await applyTeaser(store, listingSource!.id, teaser, listingSource!.language, at)).outcome,
      );
    }
  });
}

function contextOf(capture: CaptureRecord): ExtractContext {
  const o = capture.options;
  return {
    url: capture.origin.includes('://') ? capture.origin : null,
    fetchedAt: null,
    year: typeof o.year === 'number' ? o.year : null,
    date: typeof o.date === 'string' ? o.date : null,
    sourceLabel: typeof o.source === 'string' ? o.source : null,
    language: typeof o.language === 'string' ? o.language : null,
  };
}

async function readBounded(
  store: ArchiveStore,
  capture: CaptureRecord,
): Promise<{ bytes: Buffer } | { error: string }> {
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of captureContent(store, capture)) {
      length += chunk.length;
      if (length > MAX_PAGE_BYTES) {
        return {
          error: `over ${MAX_PAGE_BYTES / 1024 / 1024} MB of text, too large for one page (use JSONL for many articles); not extracted`,
        };
      }
      parts.push(chunk);
    }
  } catch {
    return { error: 'gzip data is corrupt or truncated; not extracted' };
  }
  return { bytes: Buffer.concat(parts) };
}
