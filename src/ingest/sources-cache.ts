/** Resolves source labels once per run and makes sure each source row exists before articles point at it. */
import { resolveSource } from '../model/sources.js';
import type { Source } from '../model/types.js';
import type { ArchiveStore } from '../store/types.js';

export class SourceCache {
  private readonly known = new Map<string, Source | null>();
  constructor(private readonly store: ArchiveStore) {}

  async resolve(label: string, language: string | null): Promise<Source | null> {
    const cacheKey = `${label}\u0000${language ?? ''}`;
    if (this.known.has(cacheKey)) return this.known.get(cacheKey)!;
    const source = resolveSource(label, language);
    if (source) await this.store.upsertSource(source);
    this.known.set(cacheKey, source);
    return source;
  }
}
