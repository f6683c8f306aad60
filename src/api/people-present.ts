/** People records of the store → API shapes (only the fields the schemas declare). */
import type { z } from '@hono/zod-openapi';
import type { GazetteerEntry } from '../analyse/gazetteer-entry.js';
import type { ActivityView, StoredMention } from '../store/types.js';
import type { Appearance, Person } from './schemas.js';

type Ref = { personId: string; name: string };
const refs = (people: Ref[]): Ref[] => people.map((p) => ({ personId: p.personId, name: p.name }));

export function appearanceOf(a: ActivityView): z.infer<typeof Appearance> {
  return {
    articleId: a.articleId,
    seq: a.seq,
    sourceId: a.sourceId,
    title: a.title,
    pubDate: a.pubDate,
    leaderId: a.leaderId,
    leader: a.leader,
    kind: a.kind,
    object: a.object,
    place: a.place,
    flash: a.flash,
    sentence: a.sentence,
    companions: refs(a.companions),
    greeters: refs(a.greeters),
    met: refs(a.met),
  };
}

export function articleMentionOf(m: StoredMention) {
  const { personId, name, printed, titles, count, paragraph, sentence } = m;
  return { personId, name, printed, titles, count, paragraph, sentence };
}

export function gazetteerOf(e: GazetteerEntry): NonNullable<z.infer<typeof Person>['gazetteer']> {
  return {
    name: e.name,
    kind: e.kind,
    qualifier: e.qualifier ?? null,
    hangul: e.hangul ?? null,
    variants: e.variants ?? [],
  };
}
