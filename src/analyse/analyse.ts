/**
 * One version's people, read from its wire copy alone (pure): every person named, with the titles
 * printed beside them and the sentence they stand in, and the leader's activities with their
 * companions in order. Names resolve to one identity through the gazetteer; a name it does not know
 * becomes an identity of its own, keyed by its spelling.
 */
import { findActivities, type ActivityKind, type SentenceNames } from './activities.js';
import { findNames } from './names.js';
import { sentencesOf } from './sentences.js';
import { titlesOf } from './titles.js';

export interface ResolvedPerson {
  id: string;
  name: string;
}

/** What the analysis needs from the gazetteer. */
export interface PersonResolver {
  resolve(printed: string, context: { titles: string[]; date: string | null }): ResolvedPerson;
  /** Non-Korean names it knows, to be found wherever they are printed. */
  knownNames(): readonly string[];
  /** Printed names of the leaders whose activities are tracked. */
  leaders(): ReadonlySet<string>;
  /** Printed names whose capitalised titles are epithets (every leader, the late ones too). */
  epithetHolders(): ReadonlySet<string>;
}

export type MentionRole = 'mention' | 'companion' | 'greeter' | 'met';

export interface Mention {
  personId: string;
  name: string;
  printed: string;
  titles: string[];
  /** -1: the headline. */
  paragraph: number;
  sentence: string;
}

export interface Activity {
  leaderId: string;
  leader: string;
  kind: ActivityKind;
  object: string;
  place: string | null;
  sentence: string;
  /** A flash ("(Urgent)") announces what its full story reports again: not counted twice. */
  flash: boolean;
  companions: ResolvedPerson[];
  greeters: ResolvedPerson[];
  met: ResolvedPerson[];
}

export interface PeopleAnalysis {
  mentions: Mention[];
  activities: Activity[];
}

export interface AnalysisInput {
  title: string | null;
  paragraphs: readonly string[];
  /** YYYY-MM-DD when known: homonyms are told apart by period. */
  date: string | null;
}

/** Cap on what one version yields, so a hostile page cannot flood the tables. */
const MAX_MENTIONS = 2000;

export function analysePeople(input: AnalysisInput, resolver: PersonResolver): PeopleAnalysis {
  const known = resolver.knownNames();
  const leaders = resolver.leaders();
  const epithets = resolver.epithetHolders();
  const headline = input.title
    ? { paragraph: -1, text: input.title.replace(/\s*\((?:Urgent|Full Text|Summary)\)\s*$/i, '') }
    : null;
  const read = (s: { paragraph: number; text: string }, isHeadline: boolean): SentenceNames => ({
    sentence: s,
    names: findNames(s.text, { headline: isHeadline, known }),
  });
  const head = headline ? read(headline, true) : null;
  const body = sentencesOf(input.paragraphs).map((s) => read(s, false));

  const mentions: Mention[] = [];
  const byPrinted = new Map<string, ResolvedPerson>();
  for (const { sentence, names } of head ? [head, ...body] : body) {
    const titles = titlesOf(sentence.text, names, (i) => epithets.has(names[i]!.text));
    names.forEach((n, i) => {
      const person = resolver.resolve(n.text, { titles: titles[i]!, date: input.date });
      if (!byPrinted.has(n.text) || titles[i]!.length) byPrinted.set(n.text, person);
      if (mentions.length >= MAX_MENTIONS) return;
      mentions.push({
        personId: person.id,
        name: person.name,
        printed: n.text,
        titles: titles[i]!,
        paragraph: sentence.paragraph,
        sentence: sentence.text,
      });
    });
  }
  const resolve = (printed: string) =>
    byPrinted.get(printed) ?? resolver.resolve(printed, { titles: [], date: input.date });
  const flash = /\(Urgent\)/i.test(input.title ?? '');
  const activities = findActivities(head, body, leaders).map((a) => {
    const leader = resolve(a.leader);
    const sentence = a.sentence < 0 ? (headline?.text ?? '') : body[a.sentence]!.sentence.text;
    return {
      leaderId: leader.id,
      leader: leader.name,
      kind: a.kind,
      object: a.object,
      place: a.place,
      sentence,
      flash,
      companions: a.companions.map(resolve),
      greeters: a.greeters.map(resolve),
      met: a.met.map(resolve),
    };
  });
  return { mentions, activities };
}
