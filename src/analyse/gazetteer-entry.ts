// The shape of a gazetteer entry and the small constructors the data files use, so each entry
// fits on a line and its id is derived the same way everywhere.

export interface GazetteerEntry {
  /** Stable slug, e.g. 'choe-ryong-hae'; homonyms add their qualifier: 'ri-yong-ho-military'. */
  id: string;
  /** KCNA canonical spelling as printed. */
  name: string;
  /** Only for homonyms ('military', 'diplomat' …), shown as "Ri Yong Ho [military]". */
  qualifier?: string;
  /** Only where certain. */
  hangul?: string;
  /** Spellings beyond what nameVariants generates. */
  variants?: string[];
  kind: 'leader' | 'official' | 'foreign';
  /** Kim Il Sung, Kim Jong Il, Kim Jong Un: their activities are tracked. */
  leader?: boolean;
  /** Homonym split: the title words that identify this one, and the period it held them. */
  cues?: string[];
  /** YYYY, YYYY-MM or YYYY-MM-DD: the period the cues apply. */
  from?: string;
  to?: string;
}

type Extra = Partial<Omit<GazetteerEntry, 'name' | 'kind'>>;

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function entry(kind: GazetteerEntry['kind'], name: string, extra: Extra): GazetteerEntry {
  const id = extra.id ?? slug(extra.qualifier ? `${name} ${extra.qualifier}` : name);
  return { ...extra, id, name, kind };
}

export function leader(name: string, hangul: string): GazetteerEntry {
  return entry('leader', name, { hangul, leader: true });
}

export function official(name: string, hangul?: string, extra: Extra = {}): GazetteerEntry {
  return entry('official', name, hangul ? { hangul, ...extra } : extra);
}

export function foreign(name: string, variants?: string[], extra: Extra = {}): GazetteerEntry {
  return entry('foreign', name, variants ? { variants, ...extra } : extra);
}
