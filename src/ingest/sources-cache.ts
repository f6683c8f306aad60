/** Resolves source labels once per run and makes sure each source row exists before articles point at it. */
import { resolveSource, sourceFromUrl } from '../model/sources.js';
import { recordSource } from './record-source.js';
import type { Source } from '../model/types.js';
import type { ArchiveStore } from '../store/types.js';

export class SourceCache {
  private readonly known = new Map<string, Source | null>();
  constructor(private readonly store: ArchiveStore) {}

  /** `url`, the text's page, narrows a name that covers several sites (`KCNA`) to the one it is on. */
  async resolve(
    label: string,
    language: string | null,
    url: string | null = null,
  ): Promise<Source | null> {
    if (url) return this.ensure(resolveSource(label, language, url));
    // The id of a source already in the archive is that source: a capture names the source it was
    // given, and an id made up from a new label must not become a label again (`x-und-und`).
    return this.remember(
      `label\u0000${label}\u0000${language ?? ''}`,
      async () => (await this.store.getSource(label)) ?? resolveSource(label, language),
    );
  }

  /** A JSONL record's source (./record-source.ts), or why it has none. */
  async resolveRecord(
    label: string | null,
    url: string | null,
    language: string | null,
  ): Promise<Source | { error: string }> {
    const found = recordSource(label, url, language);
    return 'error' in found ? found : (await this.ensure(found))!;
  }

  /**
   * The source whose site `url` is on, when it is a known site; `language`, the text's, picks the
   * edition where the URL names none (kcna.co.jp's Korean pages, VOK's).
   */
  async resolveUrl(url: string, language: string | null = null): Promise<Source | null> {
    return this.remember(`url\u0000${url}\u0000${language ?? ''}`, () =>
      sourceFromUrl(url, language),
    );
  }

  /** Per URL there would be one entry per article: what is kept is which sources exist. */
  private async ensure(source: Source | null): Promise<Source | null> {
    if (!source) return null;
    const cacheKey = `id\u0000${source.id}`;
    if (!this.known.has(cacheKey)) {
      await this.store.upsertSource(source);
      this.known.set(cacheKey, source);
    }
    return source;
  }

  private async remember(
    cacheKey: string,
    find: () => Source | null | Promise<Source | null>,
  ): Promise<Source | null> {
    if (this.known.has(cacheKey)) return this.known.get(cacheKey)!;
    const source = await find();
    if (source) await this.store.upsertSource(source);
    this.known.set(cacheKey, source);
    return source;
  }
}
