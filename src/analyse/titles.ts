/**
 * The titles that stand beside each name of a sentence, as printed: in apposition after it
 * ("Choe Ryong Hae, member of … and vice-chairman of …": two titles), or before it ("KPA Vice
 * Marshal Ri Yong Ho"). A plural title is shared by the run of names it closes or opens
 * ("KPA Generals A, B and C"; "A, B and C, members of …").
 */
import type { NameSpan } from './names.js';
import { isCapitalHead, startsWithTitle } from './title-words.js';

/** Cuts an apposition at commas and " and ", outside parentheses, keeping each cut's offset. */
function parts(text: string): { text: string; at: number; joiner: string }[] {
  const out: { text: string; at: number; joiner: string }[] = [];
  let depth = 0;
  let start = 0;
  let joiner = '';
  // Jumps from one possible cut or parenthesis to the next instead of testing every character.
  const marks = /[()]|, and |, |; ?| and /g;
  for (let m = marks.exec(text); m; m = marks.exec(text)) {
    if (m[0] === '(') depth++;
    else if (m[0] === ')') depth = Math.max(0, depth - 1);
    else if (!depth) {
      out.push({ text: text.slice(start, m.index), at: start, joiner });
      joiner = m[0].startsWith(';') ? '; ' : m[0];
      start = m.index + m[0].length;
    }
  }
  out.push({ text: text.slice(start).replace(/[.!?]$/, ''), at: start, joiner });
  return out;
}

/** Titles after the name ending at `end`, stopping at the next name or at what is not a title. */
function titlesAfter(text: string, end: number, nextName: number): string[] {
  if (!text.startsWith(', ', end)) return [];
  const rest = text.slice(end + 2, nextName);
  const titles: string[] = [];
  const cut = parts(rest);
  // What stands right before the next name is that name's own title ("…, KPA General Ri …").
  if (nextName < text.length && /\S $/.test(rest)) cut.pop();
  for (const part of cut.flatMap(splitAtWho)) {
    const words = part.text.trim();
    if (!words) break;
    if (startsWithTitle(words) && (part.joiner !== '; ' || !titles.length)) {
      titles.push(words);
      continue;
    }
    // "chairman of the Committee of Defence and Security of Laos": " and " inside one title.
    if (part.joiner === ' and ' && titles.length && /^[A-Z]/.test(words)) {
      titles[titles.length - 1] += ` and ${words}`;
      continue;
    }
    break;
  }
  return titles.map(tidy).filter(Boolean);
}

/** "member of … who is also chairman of …": two titles; "… who is leading the delegation": one. */
function splitAtWho(part: { text: string; at: number; joiner: string }) {
  const m = /\s+who (?:is|was) (?:also |now |concurrently )?/.exec(part.text);
  if (!m) return [part];
  const rest = part.text.slice(m.index + m[0].length);
  const head = { ...part, text: part.text.slice(0, m.index) };
  return startsWithTitle(rest) ? [head, { text: rest, at: part.at, joiner: ', ' }] : [head];
}

function tidy(title: string): string {
  return title.replace(/^(?:the|his|her|its|a|an) /i, '').replace(/[\s,;:]+$/, '');
}

/** The capitalised title right before a name: "KPA General", "Supreme Commander of the KPA". */
function titleBefore(text: string, start: number): string | null {
  const words = text
    .slice(Math.max(0, start - 120), start)
    .trimEnd()
    .split(' ');
  const taken: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (!w || /[,;:]$/.test(w)) break;
    if (!/^(?:[A-Z]|of$|the$|for$)/.test(w)) break;
    taken.unshift(w);
  }
  while (taken.length && /^(?:of|the|for|The)$/.test(taken[0]!)) taken.shift();
  // The head is the last capitalised title word before an "of the …" tail, if any.
  const ofAt = taken.indexOf('of');
  const head = ofAt > 0 ? taken.slice(0, ofAt) : taken;
  for (let n = Math.min(3, head.length); n >= 1; n--) {
    if (isCapitalHead(head.slice(-n).join(' '))) return taken.join(' ') || null;
  }
  return null;
}

const PLURAL =
  /^(?:[\w-]+ ){0,4}?(?:members|generals|marshals|vice-chairmen|secretaries|ministers|directors|deputies|officials|commanders|chairmen)\b/i;

/** Names joined only by ", " or " and " (a list) share a plural title. */
function joinedToNext(text: string, a: NameSpan, b: NameSpan): boolean {
  return /^(?:, |,? and )$/.test(text.slice(a.end, b.start));
}

/**
 * `epithet(i)`: the i-th name is a leader's, whose capitalised titles before the name are epithets
 * ("General Secretary Kim Jong Il"), not offices held at the time: not recorded.
 */
export function titlesOf(
  text: string,
  names: readonly NameSpan[],
  epithet: (i: number) => boolean = () => false,
): string[][] {
  const before = names.map((n, i) => (epithet(i) ? null : titleBefore(text, n.start)));
  const after = names.map((n, i) => titlesAfter(text, n.end, names[i + 1]?.start ?? text.length));
  const out = names.map((_, i) => (before[i] ? [before[i]!, ...after[i]!] : [...after[i]!]));
  for (let i = 0; i < names.length; i++) {
    const b = before[i];
    if (b && /s$/.test(b.split(' of ')[0]!)) {
      for (let j = i + 1; j < names.length && joinedToNext(text, names[j - 1]!, names[j]!); j++) {
        if (!out[j]!.includes(b)) out[j]!.unshift(b);
      }
    }
    // "A, B and C, members of …": a plural title after the last name of a list is everyone's.
    const shared = after[i]!.filter((t) => PLURAL.test(t));
    if (!shared.length) continue;
    for (let j = i - 1; j >= 0 && joinedToNext(text, names[j]!, names[j + 1]!); j--) {
      if (before[j + 1]) break;
      for (const t of shared) if (!out[j]!.includes(t)) out[j]!.push(t);
    }
  }
  return out;
}
