import { monthNumber } from '../months.js';
import { asciiDigits } from './dom.js';
import type { PublishedDate } from '../types.js';

/** `Mar. 10, Juche 111 (2022) Thursday` or `Mar. 10, 2022`. */
export function rodongMenuDate(text: string): PublishedDate | null {
  const t = asciiDigits(text).replace(/\s+/g, ' ');
  const m =
    /([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(?:Juche\s*(\d{1,3})\s*\((\d{4})\)|Juche\s*(\d{1,3})|(\d{4}))/.exec(
      t,
    );
  if (!m) return null;
  const month = monthNumber(m[1]!);
  if (month === null) return null;
  const year = m[4] ? Number(m[4]) : m[5] ? Number(m[5]) + 1911 : Number(m[6]);
  if (m[3] && m[4] && Number(m[3]) + 1911 !== Number(m[4])) return null;
  const day = Number(m[2]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day, basis: 'page' };
}
