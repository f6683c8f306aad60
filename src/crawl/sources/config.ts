/**
 * The sources file: which sites `wirewatch crawl` watches, parsed once from one zod schema. JSON, at
 * `--sources <file>`, `$WIREWATCH_SOURCES`, or `./wirewatch.sources.json`.
 *
 * @example
 *   { "sources": [ { "id": "kcna", "profile": "kcna-en", "baseUrl": "http://www.kcna.kp",
 *                    "lists": ["/en/article/list/a666dda1e1e2d1fa0b1c3b6b0a2a4ae7"] } ] }
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { PRIVATE_NETWORKS } from '../fetch/guard.js';
import { PROFILES } from '../../extract/sites/index.js';
import { DEFAULT_RECHECK, parseDuration, type RecheckPolicy } from '../recheck.js';

export const DEFAULT_SOURCES_FILE = './wirewatch.sources.json';

const profileIds = PROFILES.map((p) => p.id) as [string, ...string[]];

export const sourceConfigSchema = z.object({
  /** Slug naming this crawl target. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  /** The site profile that reads its pages (src/extract/sites). */
  profile: z.enum(profileIds),
  /** Where the site is: the real one, a mirror, or a local fixture copy crawled with the same profile. */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** List pages (paths or URLs relative to baseUrl) polled each pass. */
  lists: z.array(z.string().min(1)).min(1),
  /** The archive source its articles belong to (id or label); by default the profile's own. */
  archiveSource: z.string().min(1).optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).default(['en']),
  /** How often `serve --crawl` would poll the lists. */
  pollMinutes: z.number().positive().default(60),
  /** Politeness: the gap between two requests to the host. */
  delayMs: z.number().int().min(0).default(2500),
  /** List pages followed per list and poll, at most (a poll stops earlier at known articles). */
  maxPages: z.number().int().min(1).default(5),
  /**
   * Deep list walks: each list is read to its real last page this often (a duration), so that an
   * article dropped from every page is noticed without fetching it; `none` turns them off.
   */
  walkEvery: z
    .string()
    .refine((d) => d === 'none' || parseDuration(d) !== null, 'a duration like 12h or 7d, or none')
    .default('7d'),
  /** Pages one deep walk reads at most (a list longer than this is never walked to its end). */
  maxWalkPages: z.number().int().min(1).default(2000),
  /**
   * Items read from one list page, at most: a page listing 150,000 links is parsed only as far as
   * its first items (the rest, its pager too, is never read), and only they are queued.
   */
  maxListItems: z.number().int().min(1).default(2000),
  /** New article URLs fetched per pass of `wirewatch crawl`, at most; the rest wait in the frontier. */
  maxNewPerPass: z.number().int().min(0).default(500),
  /**
   * What a `deletion-spike` flag on the source's archive does: `sweep` re-checks the whole source at
   * once (the purge escalation), `flag` only raises the flag.
   */
  onDeletionSpike: z.enum(['sweep', 'flag']).default('sweep'),
  /**
   * Let this source's fetches reach private and loopback addresses: the RFC 1918 ranges, IPv6
   * unique-local and 127.0.0.0/8, ::1 (`PRIVATE_NETWORKS`; a mirror on the local network, a fixture
   * copy in tests). Redirects may then lead there too. Link-local (cloud metadata) stays refused.
   */
  allowPrivate: z.boolean().default(false),
  /**
   * Re-fetching known articles to see edits and removals (crawl/recheck.ts): offsets after an article
   * appears, then each month a sample of the older ones; at most `maxPerPass` fetches per pass.
   */
  recheck: z
    .object({
      after: z
        .array(
          z
            .string()
            .refine((d) => parseDuration(d) !== null, 'a duration like 90s, 15m, 1h, 3d or 2w'),
        )
        .default(DEFAULT_RECHECK),
      monthlySample: z.number().min(0).max(1).default(0.1),
      maxPerPass: z.number().int().min(0).default(50),
    })
    .prefault({}),
});

export const sourcesFileSchema = z.object({ sources: z.array(sourceConfigSchema).default([]) });

export type SourceConfig = z.infer<typeof sourceConfigSchema>;
export type SourcesFile = z.infer<typeof sourcesFileSchema>;

export function sourcesPath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return flag ?? (env.WIREWATCH_SOURCES || undefined) ?? DEFAULT_SOURCES_FILE;
}

export class SourcesFileError extends Error {}

/** Reads and validates the file; a missing file is an empty list. */
export function loadSources(path: string): SourcesFile {
  if (!existsSync(path)) return { sources: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SourcesFileError(
      `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = sourcesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SourcesFileError(`${path}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const ids = new Set<string>();
  for (const s of parsed.data.sources) {
    if (ids.has(s.id)) throw new SourcesFileError(`${path}: source "${s.id}" appears twice`);
    ids.add(s.id);
  }
  return parsed.data;
}

/** Writes atomically (a temporary file renamed over the old one). */
export function saveSources(path: string, file: SourcesFile): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`);
  renameSync(tmp, path);
}

/** The gap between deep walks of a list, in ms; null when they are off. */
export function walkInterval(source: Pick<SourceConfig, 'walkEvery'>): number | null {
  if (source.walkEvery === 'none') return null;
  return parseDuration(source.walkEvery)! * 60_000;
}

export function recheckPolicy(source: SourceConfig): RecheckPolicy {
  const afterMinutes = source.recheck.after.map((d) => parseDuration(d)!).sort((a, b) => a - b);
  return {
    afterMinutes,
    monthlySample: source.recheck.monthlySample,
    maxPerPass: source.recheck.maxPerPass,
  };
}

/** The addresses a source's guard allows beyond the public ones (see `allowPrivate`). */
export function allowedNetworks(source: Pick<SourceConfig, 'allowPrivate'>): string[] {
  return source.allowPrivate ? [...PRIVATE_NETWORKS] : [];
}

/** Absolute URL of a list entry. */
export function listUrl(source: SourceConfig, list: string): string {
  return new URL(
    list,
    source.baseUrl.endsWith('/') ? source.baseUrl : `${source.baseUrl}/`,
  ).toString();
}
