/**
 * robots.txt read as RFC 9309 says, with bounds. Pure.
 *
 * Hand-written rather than a library: robots-parser (the one we used) keeps every rule of a file of
 * any size and tries each one against every URL in time proportional to path × pattern, so a 20 MB
 * file of wildcard rules cost seconds per URL; no JavaScript parser we found bounds both. Here the
 * file is read up to ROBOTS_MAX_BYTES (as Google does; past it, what was read counts), each group
 * keeps at most ROBOTS_MAX_RULES rules, and a pattern matches in time linear in path + pattern.
 */

/** RFC 9309 §2.5: parse at least 500 KiB. Larger files are cut there. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/** Rules kept per agent (ours, `*`); real sites use a few dozen. */
export const ROBOTS_MAX_RULES = 4000;

export interface RobotsTxt {
  /** Whether `path` (path and query of a URL) may be fetched. */
  allows(path: string): boolean;
  /** `Crawl-delay` of the group that applies, in seconds; null when absent or not a number. */
  crawlDelaySeconds: number | null;
}

interface Group {
  rules: Rule[];
  crawlDelay: number | null;
}

interface Rule {
  allow: boolean;
  /** Its normalised text; its length is its specificity (RFC 9309 §2.2.2: the most octets). */
  length: number;
  matches: (path: string) => boolean;
}

/**
 * The last line of a body cut at `maxBytes` is dropped: a rule cut short (`Allow: /pub` read as
 * `Allow: /`) could allow more than the site said.
 */
export function cutRobotsBody(body: string, cut: boolean): string {
  if (!cut) return body;
  const end = Math.max(body.lastIndexOf('\n'), body.lastIndexOf('\r'));
  return end < 0 ? '' : body.slice(0, end + 1);
}

/** The rules for `agent` (a product token) in a robots.txt body. */
export function parseRobotsTxt(text: string, agent: string): RobotsTxt {
  // Characters, not bytes, bound a body kept before the fetch capped it (the shared store's).
  const body =
    text.length > ROBOTS_MAX_BYTES ? cutRobotsBody(text.slice(0, ROBOTS_MAX_BYTES), true) : text;
  const ours: Group = { rules: [], crawlDelay: null };
  const star: Group = { rules: [], crawlDelay: null };
  let oursNamed = false;
  let current: Group[] = [];
  let readingAgents = false;
  for (const raw of body.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const hash = raw.indexOf('#');
    const line = hash < 0 ? raw : raw.slice(0, hash);
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!readingAgents) current = [];
      readingAgents = true;
      const token = value.toLowerCase().split('/')[0]!.trim();
      if (token === agent.toLowerCase()) {
        oursNamed = true;
        if (!current.includes(ours)) current.push(ours);
      } else if (token === '*' && !current.includes(star)) current.push(star);
      continue;
    }
    readingAgents = false;
    if ((key === 'allow' || key === 'disallow') && value) {
      const open = current.filter((g) => g.rules.length < ROBOTS_MAX_RULES);
      const rule = open.length > 0 ? compileRule(value, key === 'allow') : null;
      for (const group of open) group.rules.push(rule!);
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (value && Number.isFinite(seconds))
        for (const group of current) group.crawlDelay ??= seconds;
    }
  }
  const group = oursNamed ? ours : star;
  return {
    crawlDelaySeconds: group.crawlDelay,
    allows: (path) => allowedBy(group.rules, normalise(path)),
  };
}

function allowedBy(rules: Rule[], path: string): boolean {
  // RFC 9309 §2.2.2: /robots.txt itself is always allowed.
  if (path === '/robots.txt') return true;
  let best: Rule | null = null;
  for (const rule of rules) {
    if (best && rule.length < best.length) continue;
    if (best && rule.length === best.length && (best.allow || !rule.allow)) continue;
    if (rule.matches(path)) best = rule;
  }
  return best ? best.allow : true;
}

function compileRule(value: string, allow: boolean): Rule {
  const pattern = normalise(value);
  return { allow, length: pattern.length, matches: wildcardMatcher(pattern) };
}

/**
 * A matcher for a pattern with `*` (any run of characters) and a final `$` (end of the path),
 * otherwise a prefix. Placing each literal piece at its leftmost occurrence after the previous
 * one is exact for `*`-only patterns, so no backtracking is needed; each piece is found by KMP, so
 * a whole match reads the path once.
 */
export function wildcardMatcher(pattern: string): (path: string) => boolean {
  const anchored = pattern.endsWith('$');
  const pieces = (anchored ? pattern.slice(0, -1) : pattern).split('*');
  const first = pieces.shift()!;
  const last = anchored && pieces.length > 0 ? pieces.pop()! : null;
  const middle = pieces.filter((p) => p !== '').map(piece);
  return (path) => {
    if (!path.startsWith(first)) return false;
    let at = first.length;
    for (const part of middle) {
      const found = kmpIndexOf(path, part, at);
      if (found < 0) return false;
      at = found + part.text.length;
    }
    if (last !== null) return path.length - last.length >= at && path.endsWith(last);
    return !anchored || at === path.length;
  };
}

interface Piece {
  text: string;
  codes: number[];
  fail: number[];
}

/** Plain arrays: thousands of rules make tens of thousands of pieces; typed arrays cost more. */
function piece(text: string): Piece {
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) codes.push(text.charCodeAt(i));
  const fail: number[] = new Array<number>(codes.length).fill(0);
  for (let i = 1, k = 0; i < codes.length; i++) {
    while (k > 0 && codes[i] !== codes[k]) k = fail[k - 1]!;
    if (codes[i] === codes[k]) k++;
    fail[i] = k;
  }
  return { text, codes, fail };
}

function kmpIndexOf(hay: string, { codes, fail }: Piece, from: number): number {
  for (let i = from, k = 0; i < hay.length; i++) {
    const code = hay.charCodeAt(i);
    while (k > 0 && code !== codes[k]) k = fail[k - 1]!;
    if (code === codes[k]) k++;
    if (k === codes.length) return i - k + 1;
  }
  return -1;
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * One spelling for paths and patterns (RFC 9309 §2.2.2): characters outside printable ASCII
 * percent-encoded as UTF-8, escapes in upper case, and escaped unreserved characters decoded.
 */
function normalise(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code > 0x20 && code < 0x7f) out += char;
    else out += encodeURIComponent(code >= 0xd800 && code <= 0xdfff ? '\uFFFD' : char);
  }
  return out.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const decoded = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(decoded) ? decoded : `%${hex.toUpperCase()}`;
  });
}
