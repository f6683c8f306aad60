/** Resolves source labels once per run and makes sure each source row exists before articles point at it. */
import { resolveSource, sourceFromUrl } from '../model/sources.js';
import type { Source } from '../model/types.js';
import type { ArchiveStore } from '../store/types.js';

export class SourceCache {
  private readonly known = new Map<string, Source | null>();
  constructor(private readonly store: ArchiveStore) {}

  async resolve(label: string, language: string | null): Promise<Source | null> {
    return this.remember(`label\u0000${label}\u0000${language ?? ''}`, () => resolveSource(label, language));
  }

  /** The source whose site `url` is on, when it is a known site. */
  async resolveUrl(url: string): Promise<Source | null> {
    return this.remember(`url\u0000${url}`, () => sourceFromUrl(url));
  }

  private async remember(cacheKey: string, find: () => Source | null): Promise<Source | null> {
    if (this.known.has(cacheKey)) return this.known.get(cacheKey)!;
    const source = find();
    if (source) await this.store.upsertSource(source);
    this.known.set(cacheKey, source);
    return source;
  }
}
