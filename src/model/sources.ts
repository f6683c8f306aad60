import type { Source } from './types.js';

/** The source of the demo's recorded crawl of a staged fixture site; pages label it as such. */
export const DEMO_SOURCE_ID = 'demo-recording-en';
export const DEMO_SOURCE_LABEL = 'Demonstration recording (En)';

/**
 * The sources wirewatch knows by name. Labels are matched case- and space-insensitively, so
 * `KCNA.kp (En)`, `kcna.kp (en)` and the id `kcna-kp-en` all resolve to the same source.
 */
const KNOWN: readonly (Source & { aliases: readonly string[] })[] = [
  src('kcna-kp-en', 'KCNA.kp', 'en', ['KCNA']),
  src('kcna-kp-es', 'KCNA.kp', 'es', []),
  // The Korean editions answer to the names they print (`조선중앙통신`, `로동신문`, …) as well.
  src('kcna-kp-ko', 'KCNA.kp', 'ko', ['조선중앙통신']),
  src('kcna-co-jp-en', 'KCNA.co.jp', 'en', ['KCNA (kcna.co.jp)']),
  src('kcna-co-jp-es', 'KCNA.co.jp', 'es', []),
  src('kcna-co-jp-ko', 'KCNA.co.jp', 'ko', []),
  src('rodong-en', 'Rodong Sinmun', 'en', []),
  src('rodong-ko', 'Rodong Sinmun', 'ko', ['로동신문']),
  src('vok-en', 'Voice of Korea', 'en', []),
  src('vok-ko', 'Voice of Korea', 'ko', ['조선의 소리']),
  src('naenara-en', 'Naenara', 'en', []),
  src('naenara-ko', 'Naenara', 'ko', ['내나라']),
  src('pyongyang-times-en', 'The Pyongyang Times', 'en', []),
  src('uriminzokkiri-ko', 'Uriminzokkiri', 'ko', ['우리 민족끼리', '우리민족끼리']),
  src('dprk-today-ko', 'DPRK Today', 'ko', ['조선의 오늘']),
  src('minju-choson-ko', 'Minju Choson', 'ko', ['민주조선']),
  src('tongil-sinbo-ko', 'Tongil Sinbo', 'ko', ['통일신보']),
  // The bundled demo's staged fixture site (demo/demo-recording.warc.gz): never a real publisher.
  src(DEMO_SOURCE_ID, 'Demonstration recording', 'en', []),
];

/**
 * Each publisher's site: its host, the first path folder that names an edition where the site has
 * them (`kcna.kp/en/…`), and the edition a URL without one belongs to, if any. `agency` is the name
 * that covers several sites (KCNA publishes on kcna.kp and, until 2024, kcna.co.jp), which the URL
 * narrows to one.
 */
interface Site {
  name: string;
  host: string;
  folders?: Readonly<Record<string, string>>;
  main?: string;
  /** The agency's names, in English and as it prints itself. */
  agency?: readonly string[];
}

const SITES: readonly Site[] = [
  {
    name: 'KCNA.kp',
    host: 'kcna.kp',
    folders: { en: 'en', es: 'es', kp: 'ko' },
    agency: ['KCNA', '조선중앙통신'],
  },
  // kcna.co.jp's English and Spanish pages share one URL scheme (`…-18ee.html` is Spanish too), and
  // its Korean pages (`/calendar/…`) name no language either: the text's language picks the edition.
  { name: 'KCNA.co.jp', host: 'kcna.co.jp', main: 'en', agency: ['KCNA', '조선중앙통신'] },
  { name: 'Rodong Sinmun', host: 'rodong.rep.kp', folders: { en: 'en', ko: 'ko' } },
  { name: 'Voice of Korea', host: 'vok.rep.kp', main: 'en' },
  { name: 'Naenara', host: 'naenara.com.kp', main: 'en' },
  { name: 'The Pyongyang Times', host: 'pyongyangtimes.com.kp', main: 'en' },
  { name: 'Uriminzokkiri', host: 'uriminzokkiri.com', main: 'ko' },
  { name: 'DPRK Today', host: 'dprktoday.com', main: 'ko' },
  { name: 'Minju Choson', host: 'minju.rep.kp', main: 'ko' },
];

function src(id: string, name: string, language: string, aliases: string[]) {
  return { id, name, language, label: labelOf(name, language), aliases };
}

function labelOf(name: string, language: string): string {
  return `${name} (${language.charAt(0).toUpperCase()}${language.slice(1)})`;
}

const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Every known source, for `stats` and the demo. */
export const knownSources: readonly Source[] = KNOWN.map(({ id, name, language, label }) => ({
  id,
  name,
  language,
  label,
}));

/**
 * Resolves a label, an alias or an id to a source; a label never seen before becomes a new source
 * with a slug id (`Minju Choson (En)` → `minju-choson-en`), so nothing is refused for an unknown name.
 * `url`, the text's page, narrows a name that covers several sites (`KCNA`) to the site it is on.
 *
 * @example resolveSource('KCNA.kp (En)')?.id === 'kcna-kp-en'
 * @example resolveSource('KCNA', 'es', 'http://www.kcna.co.jp/item/2011/…')?.id === 'kcna-co-jp-es'
 */
export function resolveSource(
  labelOrId: string,
  language?: string | null,
  url?: string | null,
): Source | null {
  const wanted = key(labelOrId);
  if (!wanted) return null;
  for (const s of KNOWN) {
    if (key(s.id) === wanted || key(s.label) === wanted) return strip(s);
  }
  const site = url ? siteOf(url) : null;
  if (site?.site.agency?.some((name) => key(name) === wanted)) {
    const edition = editionOf(site, language ?? null);
    if (edition) return edition;
  }
  for (const s of KNOWN) {
    if (s.aliases.some((a) => key(a) === wanted) && (!language || language === s.language))
      return strip(s);
  }
  // An alias names the publisher; the language picks the edition.
  for (const s of KNOWN) {
    if (s.aliases.some((a) => key(a) === wanted) || key(s.name) === wanted) {
      const edition = KNOWN.find(
        (o) => o.name === s.name && o.language === (language ?? s.language),
      );
      if (edition) return strip(edition);
    }
  }
  return newSource(labelOrId.trim(), language ?? null);
}

/**
 * The source whose site a URL belongs to, or null (an aggregator URL says nothing of the source).
 * The edition is the one the URL's folder names (`kcna.kp/es/…`); where the URL names none, the
 * `language` given with the text picks it, else the site's main edition.
 */
export function sourceFromUrl(url: string, language?: string | null): Source | null {
  const site = siteOf(url);
  return site ? editionOf(site, language ?? null) : null;
}

/** The host of a URL, as `sourceFromUrl` reads it (no scheme, `www.` or port), for messages. */
export function urlHost(url: string): string {
  return splitUrl(url).host;
}

interface SiteMatch {
  site: Site;
  /** The edition the URL's folder names, if it names one. */
  folderLanguage: string | null;
}

function siteOf(url: string): SiteMatch | null {
  const { host, folder } = splitUrl(url);
  const site = SITES.find((s) => host === s.host || host.endsWith(`.${s.host}`));
  if (!site) return null;
  return { site, folderLanguage: site.folders?.[folder] ?? null };
}

function editionOf({ site, folderLanguage }: SiteMatch, language: string | null): Source | null {
  const edition = folderLanguage || language?.trim().toLowerCase() || site.main;
  if (!edition) return null;
  const known = KNOWN.find((s) => s.name === site.name && s.language === edition);
  return known ? strip(known) : newSource(labelOf(site.name, edition), edition);
}

function splitUrl(url: string): { host: string; folder: string } {
  const bare = url
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^[^/@]*@/, '');
  const slash = bare.search(/[/?#]/);
  const host = (slash < 0 ? bare : bare.slice(0, slash))
    .toLowerCase()
    .replace(/:\d*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  const folder =
    slash < 0 || bare[slash] !== '/'
      ? ''
      : (bare.slice(slash + 1).split(/[/?#]/)[0] ?? '').toLowerCase();
  return { host, folder };
}

function strip(s: Source): Source {
  return { id: s.id, name: s.name, language: s.language, label: s.label };
}

function newSource(label: string, language: string | null): Source | null {
  const m = /^(.*?)\s*\(([A-Za-z]{2})\)\s*$/.exec(label);
  const name = (m ? m[1] : label)!.trim();
  const lang = (m ? m[2]!.toLowerCase() : language) ?? 'und';
  const slug = `${name}-${lang}`
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (!slug || !name) return null;
  return { id: slug, name, language: lang, label: labelOf(name, lang) };
}
