/**
 * Appearances as rows for a spreadsheet (CSV): one row per activity the person led or accompanied,
 * everyone in the printed order, and the sentence it was read from, so a count can be checked.
 */

export const APPEARANCE_COLUMNS = [
  'date',
  'article_id',
  'source',
  'title',
  'leader',
  'kind',
  'object',
  'place',
  'flash',
  'role',
  'place_in_order',
  'companions',
  'greeted_by',
  'met',
  'sentence',
] as const;

export interface AppearanceInput {
  articleId: string;
  sourceId: string;
  title: string | null;
  pubDate: string | null;
  leaderId: string;
  leader: string;
  kind: string;
  object: string;
  place: string | null;
  flash: boolean;
  sentence: string;
  companions: { personId: string; name: string }[];
  greeters: { personId: string; name: string }[];
  met: { personId: string; name: string }[];
}

export function appearanceRows(
  personId: string,
  activities: readonly AppearanceInput[],
): string[][] {
  return activities.map((a) => {
    const at = a.companions.findIndex((p) => p.personId === personId);
    const names = (ps: { name: string }[]) => ps.map((p) => p.name).join('; ');
    return [
      a.pubDate ?? '',
      a.articleId,
      a.sourceId,
      a.title ?? '',
      a.leader,
      a.kind,
      a.object,
      a.place ?? '',
      a.flash ? 'yes' : 'no',
      a.leaderId === personId ? 'leader' : 'companion',
      at >= 0 ? String(at + 1) : '',
      names(a.companions),
      names(a.greeters),
      names(a.met),
      a.sentence,
    ];
  });
}
