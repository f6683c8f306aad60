/** Store records → API shapes. */
import { articleLabel, formatArticleDate } from '../model/label.js';
import type { Article } from '../model/types.js';
import type { z } from '@hono/zod-openapi';
import type { ArticleSummary } from './schemas.js';

export function summaryOf(a: Article): z.infer<typeof ArticleSummary> {
  return {
    id: a.id,
    sourceId: a.sourceId,
    url: a.url,
    title: a.title,
    label: articleLabel(a),
    date: formatArticleDate(a.published),
    published: a.published,
    dateline: a.dateline,
    language: a.language,
    status: a.status,
    storyId: a.storyId,
    versionCount: a.versionCount,
    firstSeen: a.firstSeen,
    lastSeen: a.lastSeen,
    removedAt: a.removedAt,
  };
}
