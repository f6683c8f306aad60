import type { Source } from './types.js';

/**
 * The sources wirewatch knows by name. Labels are matched case- and space-insensitively, so
 * `KCNA.kp (En)`, `kcna.kp (en)` and the id `kcna-kp-en` all resolve to the same source.
 */
const KNOWN: readonly (Source & { aliases: readonly string[]; hosts: readonly string[] })[] = [
  src('kcna-kp-en', 'KCNA.kp', 'en', ['KCNA'], ['kcna.kp/en']),
  src('kcna-kp-es', 'KCNA.kp', 'es', [], ['kcna.kp/es']),
  src('kcna-kp-ko', 'KCNA.kp', 'ko', [], ['kcna.kp/kp']),
  src('kcna-co-jp-en', 'KCNA.co.jp', 'en', ['KCNA (kcna.co.jp)'], ['kcna.co.jp']),
  src('kcna-co-jp-es', 'KCNA.co.jp', 'es', [], []),
  src('rodong-en', 'Rodong Sinmun', 'en', [], ['rodong.rep.kp/en']),
  src('vok-en', 'Voice of Korea', 'en', [], ['vok.rep.kp']),
  src('naenara-en', 'Naenara', 'en', [], ['naenara.com.kp']),
  src('pyongyang-times-en', 'The Pyongyang Times', 'en', [], ['pyongyangtimes.com.kp']),
];

function src(id: string, name: string, language: string, aliases: string[], hosts: string[]) {
  const label = `${name} (${language.charAt(0).toUpperCase()}${language.slice(1)})`;
  return { id, name, language, label, aliases, hosts };
}

const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Every known source, for `stats` and the demo. */
export const knownSources: readonly Source[] = KNOWN.map(({ id, name, language, label }) => ({ id, name, language, label }));

/**
 * Resolves a label, an alias or an id to a source; a label never seen before becomes a new source
 * with a slug id (`Minju Choson (En)` → `minju-choson-en`), so nothing is refused for an unknown name.
 *
 * @example resolveSource('KCNA.kp (En)')?.id === 'kcna-kp-en'
 */
export function resolveSource(labelOrId: string, language?: string | null): Source | null {
  const wanted = key(labelOrId);
  if (!wanted) return null;
  for (const s of KNOWN) {
    if (key(s.id) === wanted || key(s.label) === wanted) return strip(s);
  }
  for (const s of KNOWN) {
    if (s.aliases.some((a) => key(a) === wanted) && (!language || language === s.language)) return strip(s);
  }
  // An alias names the publisher; the language picks the edition.
  for (const s of KNOWN) {
    if (s.aliases.some((a) => key(a) === wanted) || key(s.name) === wanted) {
      const edition = KNOWN.find((o) => o.name === s.name && o.language === (language ?? s.language));
      if (edition) return strip(edition);
    }
  }
  return newSource(labelOrId.trim(), language ?? null);
}

/** The source whose site a URL belongs to, or null (an aggregator URL says nothing of the source). */
export function sourceFromUrl(url: string): Source | null {
  const bare = url.replace(/^[a-z]+:\/\//i, '').replace(/^www\./i, '').toLowerCase();
  const hit = KNOWN.filter((s) => s.hosts.some((h) => bare.startsWith(h)))
    .sort((a, b) => Math.max(...b.hosts.map((h) => h.length)) - Math.max(...a.hosts.map((h) => h.length)))[0];
  return hit ? strip(hit) : null;
}

function strip(s: Source): Source {
  return { id: s.id, name: s.name, language: s.language, label: s.label };
}

function newSource(label: string, language: string | null): Source | null {
  const m = /^(.*?)\s*\(([A-Za-z]{2})\)\s*$/.exec(label);
  const name = (m ? m[1] : label)!.trim();
  const lang = (m ? m[2]!.toLowerCase() : language) ?? 'und';
  const slug = `${name}-${lang}`.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (!slug || !name) return null;
  return { id: slug, name, language: lang, label: `${name} (${lang.charAt(0).toUpperCase()}${lang.slice(1)})` };
}
