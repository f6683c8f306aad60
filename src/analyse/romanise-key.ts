// A lookup key under which the spellings of one Korean name meet. It folds, in order:
// - hangul: romanised the KCNA way first;
// - case, diacritics (ŏ ŭ), apostrophes (t' ch'), hyphens, spaces and dots;
// - the surname: South Korean and MR spellings to KCNA's (Lee/Yi/Rhee → Ri, Park → Pak, Choi →
//   Choe, Jung/Jeong/Chung → Jong, Oh → O, Ahn → An, Moon → Mun …);
// - RR and press vowels: eo → o, eu → u, oo → u, ou → o (Young), hee → hui, ee → i, ai → ae
//   (Paik), wu → u (Woo);
// - sh → s (Shin, shik);
// - aspirates: th kh ph → t k p (Thaek/Taek), then j → ch (ㅈ is j in KCNA and RR, ch in MR);
// - voicing: d b → t p anywhere, g → k except after n (where it may be the final of ng).
// Not folded: ㅓ written "u" (Sung vs Song) or ㅗ/ㅓ/ㅜ/ㅡ in general, which would merge distinct
// names; the press spellings reach a person through nameVariants instead. Different people can
// share a key (Kim Yong Dae and a Kim Yong Thae would): callers must expect several hits.
import { hasHangul } from './romanise-hangul.js';
import { romaniseName } from './romanise-name.js';
import { kcnaSurnameOf } from './romanise-surnames.js';

const FOLDS: readonly [RegExp, string][] = [
  [/eo/g, 'o'],
  [/eu/g, 'u'],
  [/oo/g, 'u'],
  [/ou/g, 'o'],
  [/hee/g, 'hui'],
  [/ee/g, 'i'],
  [/ai/g, 'ae'],
  [/wu/g, 'u'],
  [/sh/g, 's'],
  [/([tkp])h/g, '$1'],
  [/j/g, 'ch'],
  [/d/g, 't'],
  [/b/g, 'p'],
  [/(^|[^n])g(?=[aeiouwy])/g, '$1k'],
];

function foldToken(token: string): string {
  return FOLDS.reduce((t, [pattern, to]) => t.replace(pattern, to), token);
}

export function normaliseNameKey(name: string): string {
  const text = hasHangul(name) ? romaniseName(name) : name;
  const tokens = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`ʼ.]/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean);
  const [first, ...rest] = tokens;
  if (first === undefined) return '';
  const surname = kcnaSurnameOf(first)?.toLowerCase() ?? first;
  return [surname, ...rest].map(foldToken).join('');
}
