/**
 * The leader's public activities in a story: what he did in person (inspected, gave field guidance,
 * enjoyed a performance, met …), classified by kind, and who was with him — the entourage in the
 * order printed, kept apart from the local hosts who greeted him and the persons he met.
 * Messages, letters and gifts sent are not activities.
 */
import type { Sentence } from './sentences.js';
import type { NameSpan } from './names.js';

export type ActivityKind =
  'inspection' | 'field-guidance' | 'performance' | 'military' | 'meeting' | 'ceremony' | 'other';

export interface FoundActivity {
  leader: string;
  kind: ActivityKind;
  verb: string;
  object: string;
  place: string | null;
  /** Index of the sentence it was read from; -1 for the headline. */
  sentence: number;
  /** Printed names, in order. */
  companions: string[];
  greeters: string[];
  met: string[];
}

const VERBS =
  '(?:inspect(?:ed|s)|visit(?:ed|s)|(?:gave|gives|provided|provides|offered|offers) (?:on-the-spot |field )?guidance|' +
  'enjoy(?:ed|s)|watch(?:ed|es)|appreciat(?:ed|es)|attend(?:ed|s)|met(?: with)?|meets(?: with)?|' +
  'receiv(?:ed|es)|(?:had|has|held|holds) (?:a )?talks?|went round|goes round|looked round|looks round|' +
  'toured|tours|observ(?:ed|es)|guided|guides|command(?:ed|s)|oversaw|oversees|' +
  '(?:paid|pays) (?:a |an )?(?:visit|tribute|homage|respects|courtesy call|congratulatory visit)|' +
  'called at|calls at|saw|sees|laid|lays|cut the (?:tape|ribbon)|spoke at|made a speech|' +
  'delivered (?:a |an )?(?:speech|address)|took part in|takes part in|participated in|' +
  'celebrated|hosted|hosts|planted|climbed|learned about the|acquainted himself|' +
  '(?:had|has) (?:a )?photo sessions?|(?:had|has) (?:a )?photos? taken)';
const VERB_AFTER_NAME = new RegExp(
  `^(?:,(?:[^.;]|\\b[A-Z]\\.)*?,)?(?: (?:on|in|at) [^,]{1,40},?)? (${VERBS})\\b`,
  'i',
);

/** A message, a letter or a gift received is not a meeting. */
const NOT_IN_PERSON =
  /^ (?:a |an |the )?(?:[\w-]+ ){0,3}?(?:messages?|letters?|gifts?|greetings?|reports?|cards?|baskets?|wreath from)\b/i;

const KIND_RULES: [ActivityKind, RegExp][] = [
  ['field-guidance', /guidance/i],
  [
    'military',
    /\b(?:KPA|Unit|units|sub-units?|army|navy|air force|artillery|military|drills?|exercises?|firing|battalion|regiment|division|command post|outpost|defence detachment|naval|corps|missiles?|rockets?|servicepersons|soldiers|launch)\b/,
  ],
  [
    'performance',
    /\b(?:performances?|concerts?|show|opera|play|games?|match|circus|acrobatic|films?|movie|skating|recital|ballet|drama|gymnastics?|art group|ensemble)\b/i,
  ],
  ['meeting', /^(?:met|meets|receiv|had|has|held|holds)/i],
  [
    'ceremony',
    /\b(?:tribute|funeral|ceremon(?:y|ies)|celebrat\w*|reception|banquet|anniversary|wreath|commemorat\w*|dedicat\w*|completion|inaugurat\w*|parade|rally|mourn\w*|bier|memorial|homage|respects)\b/i,
  ],
  [
    'inspection',
    /^(?:inspect|visit|went round|goes round|looked round|looks round|tour|called|calls|observ|paid a visit)/i,
  ],
];

function classify(verb: string, object: string): ActivityKind {
  for (const [kind, rule] of KIND_RULES) {
    if (rule.test(kind === 'meeting' || kind === 'inspection' ? verb : `${verb} ${object}`))
      return kind;
  }
  return 'other';
}

function objectOf(rest: string): { object: string; place: string | null } {
  const object = rest
    .replace(/^(?: with| to| at| on| round| the)?\s*/, '')
    .split(/,|\baccompanied\b|\bwhere\b|\bon the occasion\b/)[0]!
    .trim()
    .replace(/[.!?]$/, '')
    .slice(0, 160);
  const place = /\b(?:in|at) ((?:the )?[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)/.exec(rest);
  return { object, place: place ? place[1]!.replace(/^the /, '') : null };
}

/**
 * The phrases that introduce the entourage: "He was accompanied by", "Accompanying him were", and
 * those that list who attended with him ("Among the audience / spectators / mourners were",
 * "Present there were", "Seeing the performance were", "together with his wife …").
 */
export const COMPANION_CUE = new RegExp(
  [
    '\\b(?:was|were) accompanied(?: there| on the \\w+)? (?:by|with)',
    '\\bAccompanying (?:him|them|the leader|Kim Jong \\w+)(?: there)? (?:were|was)',
    '\\bAmong (?:the |those )?(?:audience|spectators|mourners|viewers|guests|participants|those present)(?: there)? (?:were|was)',
    '(?:^|\\bAlso )(?:Present|Seeing|Watching|Enjoying|Appreciating)\\b[^.,;]{0,40}? (?:were|was)',
    '^(?:They|Those) included',
    '\\baccompanied by',
    ', together with',
    '\\btogether with (?:his wife )?(?=[A-Z])',
  ].join('|'),
  'i',
);
const GREETER_CUE =
  /\b(?:greeted (?:him )?(?:on the spot |there |at the airport )?by|welcomed (?:him )?on the spot by)\b/i;

/** Names printed after a cue in a sentence: the list it introduces. */
function namesAfterCue(s: Sentence, names: NameSpan[], cue: RegExp): NameSpan[] | null {
  const m = cue.exec(s.text);
  if (!m) return null;
  const from = m.index + m[0].length;
  // "together with" introduces persons only when a name follows ("… with senior officials": none).
  if (/together with (?:his wife )?$/i.test(m[0]) && !/^[A-Z]/.test(s.text.slice(from, from + 1))) {
    return null;
  }
  // "He, together with his wife Ri Sol Ju, laid …": the aside ends at its comma.
  const comma = m[0].startsWith(',') ? s.text.indexOf(',', from) : -1;
  const to = comma >= 0 ? comma : s.text.length;
  return names.filter((n) => n.start >= from && n.start < to);
}

export interface SentenceNames {
  sentence: Sentence;
  names: NameSpan[];
}

export function findActivities(
  headline: SentenceNames | null,
  body: SentenceNames[],
  leaders: ReadonlySet<string>,
): FoundActivity[] {
  const leading = [...(headline ? [headline] : []), ...body.slice(0, 2)];
  let found: FoundActivity | null = null;
  for (const [i, { sentence, names }] of leading.entries()) {
    for (const n of names) {
      if (!leaders.has(n.text)) continue;
      // The verb follows the name and its apposition closely: a bounded window keeps this linear.
      const rest = sentence.text.slice(n.end, n.end + 600);
      const m = VERB_AFTER_NAME.exec(rest);
      if (!m) continue;
      const after = rest.slice(m.index + m[0].length);
      if (NOT_IN_PERSON.test(after)) continue;
      const verb = m[1]!.toLowerCase();
      const { object, place } = objectOf(after);
      const fromBody = headline && i === 0 ? -1 : i - (headline ? 1 : 0);
      const met = /^(?:met|meets|receiv|had|has|held|holds)/.test(verb)
        ? names.filter((o) => o.start > n.end && !leaders.has(o.text)).map((o) => o.text)
        : [];
      found = {
        leader: n.text,
        kind: classify(verb, object),
        verb,
        object,
        place,
        sentence: fromBody,
        companions: [],
        greeters: [],
        met,
      };
      // The body's first sentence says more than the headline: prefer it when both report.
      if (fromBody >= 0) break;
    }
    if (found && found.sentence >= 0) break;
  }
  if (!found) return [];
  for (const { sentence, names } of body) {
    const greeters = namesAfterCue(sentence, names, GREETER_CUE);
    if (greeters) {
      for (const g of greeters) if (!found.greeters.includes(g.text)) found.greeters.push(g.text);
      continue;
    }
    const companions = namesAfterCue(sentence, names, COMPANION_CUE);
    if (!companions) continue;
    for (const c of companions) {
      if (c.text === found.leader || found.companions.includes(c.text)) continue;
      // His entourage is his own officials: a foreign name listed beside them is a guest he met.
      if (c.shape !== 'korean') {
        if (!found.met.includes(c.text)) found.met.push(c.text);
      } else if (!found.met.includes(c.text)) found.companions.push(c.text);
    }
  }
  return [found];
}
