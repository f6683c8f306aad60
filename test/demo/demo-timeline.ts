/**
 * The staged history of the demonstration site: a KCNA-like fixture (test/helpers/history-site.ts)
 * publishing three constructed items a day for three weeks, crawled once a day, with the changes an
 * analyst watches for staged on known days — a typo fixed, a retitle, a figure changed, one page
 * gone, then a purge (an official's name edited out of older items and his items removed, a
 * deletion spike) and a restoration. The texts are written for the demo; no real official or event is
 * named. Pure data and one function that applies a day's changes to the site.
 */
import type { SiteArticle } from '../helpers/history-site.js';

/** The first day of the recording (day 0); one crawl pass a day at 10:00 UTC. */
export const FIRST_DAY = '2026-11-09';
export const DAYS = 22;
export const PASS_HOUR = 10;

/** The official the staged purge removes: a constructed name and office. */
export const PURGED = 'Han Pyong Do';
const PURGED_TITLE = 'chairman of the Sample Industry Commission';

const PLACES = [
  'Hwanghae Demonstration Steel Complex',
  'Sample Chemical Fibre Mill',
  'Model Fertilizer Factory',
  'Riverside Demonstration Farm',
  'Coastal Sample Fishery Station',
  'Sample Machine-Building Works',
  'Demonstration Textile Mill',
  'Sample Power Station No. 3',
];
const GOODS = ['steel', 'fibre', 'fertilizer', 'grain', 'fish', 'machine tools', 'cloth', 'power'];
const KINDS = ['production', 'lecture', 'exhibition', 'meeting', 'delegation', 'sports'] as const;

function dateOf(day: number): { iso: string; list: string } {
  const d = new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + day * 86_400_000);
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return { iso: d.toISOString().slice(0, 10), list: `${y}.${m}.${dd}.` };
}

const hashOf = (day: number, n: number) =>
  `de${String(day).padStart(2, '0')}${n}`.padEnd(32, '0').slice(0, 32);

/** The n-th item (0–2) of a day: a title and paragraphs written from small templates. */
function item(day: number, n: number): SiteArticle {
  const i = day * 3 + n;
  const place = PLACES[i % PLACES.length]!;
  const goods = GOODS[i % GOODS.length]!;
  const kind = KINDS[(day + n * 2) % KINDS.length]!;
  const figure = 100 + ((i * 37) % 60);
  const attended = day < 14 && n === 1;
  const guest = attended ? `${PURGED}, ${PURGED_TITLE}, and officials concerned` : 'officials';
  const texts: Record<(typeof KINDS)[number], [string, string[]]> = {
    production: [
      `${place} Overfulfils Plan for ${goods}`,
      [
        `Workers of the ${place} overfulfilled their plan for ${goods} by ${figure} per cent in the first ten days of the month.`,
        `They introduced new methods of work and raised the rate of operation of equipment.`,
      ],
    ],
    lecture: [
      `Lecture on Technical Innovation Held at ${place}`,
      [
        `A lecture on technical innovation in the production of ${goods} was held at the ${place}.`,
        `The lecture was attended by ${guest}.`,
      ],
    ],
    exhibition: [
      `Exhibition of ${goods} Products Opens`,
      [
        `An exhibition of ${goods} products made by the ${place} opened in Pyongyang on the ${i % 28 + 1}th day of the demonstration.`,
        `On display are ${figure} kinds of products. The opening ceremony was attended by ${guest}.`,
      ],
    ],
    meeting: [
      `Meeting Held at ${place}`,
      [
        `A meeting of workers of the ${place} was held to review the production of ${goods}.`,
        `Speakers said the plan for the year would be carried out ahead of schedule. Present there were ${guest}.`,
      ],
    ],
    delegation: [
      `Delegation of ${place} Leaves for Abroad`,
      [
        `A delegation of the ${place} left Pyongyang to study the production of ${goods} abroad.`,
        `It was seen off by ${guest} at the airport.`,
      ],
    ],
    sports: [
      `Sports Games of ${place} Workers Close`,
      [
        `Sports games of workers of the ${place} closed after ${figure % 9 + 3} days of contests.`,
        `Teams of the ${goods} shops won the first places.`,
      ],
    ],
  };
  const [title, paragraphs] = texts[kind];
  return { hash: hashOf(day, n), title, date: dateOf(day).list, paragraphs, listed: true, page: 'ok' };
}

/** The items the site has published up to and including `day`, newest first (as KCNA lists them). */
export function publishedBy(day: number, site: SiteArticle[]): SiteArticle[] {
  const known = new Set(site.map((a) => a.hash));
  for (let n = 0; n < 3; n++) {
    const a = item(day, n);
    if (!known.has(a.hash)) site.unshift(a);
  }
  return site;
}

const find = (site: SiteArticle[], day: number, n: number) =>
  site.find((a) => a.hash === hashOf(day, n))!;

/** Items of the first two weeks that name the purged official, oldest first. */
function naming(site: SiteArticle[]): SiteArticle[] {
  return site
    .filter((a) => a.paragraphs.some((p) => p.includes(PURGED)))
    .sort((a, b) => a.hash.localeCompare(b.hash));
}

/** What changes on the site before the pass of `day`; returns a line for the recording's log. */
export function stageChanges(day: number, site: SiteArticle[]): string | null {
  switch (day) {
    case 3: {
      // Punctuation only: the words stay the same.
      const a = find(site, 2, 2);
      a.paragraphs[1] = a.paragraphs[1]!.replace('methods of work and', 'methods of work, and');
      return `cosmetic edit: ${a.title}`;
    }
    case 5: {
      const a = find(site, 2, 1);
      a.title = `${a.title} in Grand Style`;
      return `retitle: ${a.title}`;
    }
    case 8: {
      const a = find(site, 4, 0);
      a.paragraphs[0] = a.paragraphs[0]!.replace(/by \d+ per cent/, 'by 12 per cent');
      return `body edit (a figure lowered): ${a.title}`;
    }
    case 11: {
      find(site, 6, 2).page = '404';
      return 'one page answers 404';
    }
    case 15: {
      // The purge: his name edited out of some items, the others taken down in one day.
      const named = naming(site);
      const edited = named.slice(0, 3);
      for (const a of edited)
        a.paragraphs = a.paragraphs.map((p) => p.replace(`${PURGED}, ${PURGED_TITLE}, and `, ''));
      const removed = named.slice(3);
      const how: SiteArticle['page'][] = ['404', '410', 'ok'];
      removed.forEach((a, k) => {
        const page = how[k % how.length]!;
        if (page === 'ok') a.listed = false;
        else a.page = page;
      });
      return `purge: name edited out of ${edited.length} items, ${removed.length} items removed`;
    }
    case 18: {
      const back = naming(site).find((a) => a.page === '410');
      if (!back) return null;
      back.page = 'ok';
      return `restored: ${back.title}`;
    }
    default:
      return null;
  }
}

/** The simulated clock of the pass of `day`. */
export function passTime(day: number): number {
  return Date.parse(`${dateOf(day).iso}T${String(PASS_HOUR).padStart(2, '0')}:00:00Z`);
}
