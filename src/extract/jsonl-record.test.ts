import { describe, expect, it } from 'vitest';
import { extractJsonlRecord } from './jsonl-record.js';

const INDEX = 'http://www.kcna.co.jp/item/2011/201101/2011-01-31ee.html';
const OWN = 'http://www.kcna.co.jp/item/2011/201101/news31/20110131-18ee.html';

describe('extractJsonlRecord', () => {
  it("keeps only the record's own page as the article's url, never the index page it was listed on", () => {
    const listed = extractJsonlRecord({
      source: 'KCNA (kcna.co.jp)',
      title: 'T',
      body: 'Text.',
      index_url: INDEX,
    });
    expect(listed).toMatchObject({ article: { url: null }, sourceUrl: INDEX });
    const own = extractJsonlRecord({
      source: 'KCNA (kcna.co.jp)',
      title: 'T',
      url: OWN,
      index_url: INDEX,
    });
    expect(own).toMatchObject({ article: { url: OWN }, sourceUrl: OWN });
  });

  it("takes the record's source before the import's, and leaves a record without either to its URL", () => {
    const defaults = { sourceLabel: 'KCNA', language: null };
    expect(extractJsonlRecord({ source: 'Naenara (En)', title: 'T' }, defaults)).toMatchObject({
      sourceLabel: 'Naenara (En)',
    });
    expect(extractJsonlRecord({ title: 'T' }, defaults)).toMatchObject({ sourceLabel: 'KCNA' });
    expect(extractJsonlRecord({ title: 'T', url: OWN, language: 'ES' })).toMatchObject({
      sourceLabel: null,
      sourceUrl: OWN,
      article: { language: 'es' },
    });
  });
});
