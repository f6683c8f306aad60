/**
 * Presets: the real sites' list pages, so `wirewatch sources add kcna-en` watches kcna.kp without
 * the user looking up category hashes. Every list here is one docs/sites.md (../shared/docs) names,
 * with the full identifier as the public scrapers it cites use it (RSSHub's kcna route, the
 * nork-scraper tests); `--list` and `--base-url` on the command line override them.
 */

export interface SourcePreset {
  /** The preset's name, also the source id it adds by default. */
  name: string;
  /** What it watches, in one line (shown by `wirewatch sources presets`). */
  description: string;
  profile: string;
  baseUrl: string;
  lists: string[];
  languages: string[];
  /** What a user should know before relying on it (a layout not yet read, a bot check). */
  caveat?: string;
}

const KCNA_LIST = (hash: string, edition = 'en') => `/${edition}/article/list/${hash}`;

export const PRESETS: readonly SourcePreset[] = [
  {
    name: 'kcna-en',
    description: "KCNA English (kcna.kp): Latest News and Kim Jong Un's Revolutionary Activities",
    profile: 'kcna-en',
    baseUrl: 'http://www.kcna.kp',
    // Latest lists every item; the leader's category is walked on its own so that an item dropped
    // from it (but kept in Latest) is noticed too.
    lists: [
      KCNA_LIST('a666dda1282180e0ee1b4427b0574ae7'),
      KCNA_LIST('b0721b9f23054ddc7fe56c2811a12715'),
    ],
    languages: ['en'],
  },
  {
    name: 'kcna-ko',
    description: "KCNA Korean (kcna.kp/kp/): Kim Jong Un's Revolutionary Activities (혁명활동소식)",
    profile: 'kcna-ko',
    baseUrl: 'http://www.kcna.kp',
    // The categories share their ids across editions (sites.md §1, ../shared/fixtures/korean); this
    // is the one whose full id is documented.
    lists: [KCNA_LIST('b0721b9f23054ddc7fe56c2811a12715', 'kp')],
    languages: ['ko'],
    caveat:
      'only the leader category: the other Korean lists (중요소식, 국내소식, …) are known by the first ' +
      'digits of their ids only; add them with --list once read off the site',
  },
  {
    name: 'rodong-en',
    description: 'Rodong Sinmun English (rodong.rep.kp): the leader, In DPRK, Inter-Korean, World',
    profile: 'rodong-en',
    baseUrl: 'http://rodong.rep.kp',
    lists: ['1', '7', '8', '9'].map((menu) => `/en/index.php?strPageID=SF01_01_02&iMenuID=${menu}`),
    languages: ['en'],
    caveat:
      'these lists are the index.php?strPageID=… addresses the site used to about 2022; the ' +
      'profile also reads the index.php?<key> pages that replaced them, but their list addresses ' +
      'are not documented, so give them with --list',
  },
  {
    name: 'kcnawatch',
    description: "KCNA Watch (kcnawatch.org): Rodong Sinmun as NK News' aggregator lists it",
    profile: 'kcnawatch',
    baseUrl: 'https://kcnawatch.org',
    lists: ['/wp-admin/admin-ajax.php?action=get_cat_by_source&die=true&from=0&to=10&id=189661'],
    languages: ['en'],
    caveat:
      'the site puts a bot check in front of scripted clients; a blocked list is an HTTP error',
  },
];

export function presetByName(name: string): SourcePreset | null {
  return PRESETS.find((p) => p.name === name) ?? null;
}
