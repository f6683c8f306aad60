/**
 * Configuration, parsed once from one schema: command-line flags win over the environment, which wins
 * over the defaults.
 */
import { z } from 'zod';
import { Problem } from './errors.js';

export const DEFAULT_DB = './data/wirewatch.db';
/** `wirewatch demo` keeps its archive apart from the user's own. */
export const DEMO_DB = './data/demo.db';

const count = (min: number, value: number) => z.number().int().min(min).default(value);

/**
 * How much work one request may ask for. The server is one process over one synchronous SQLite
 * connection: a request that reads for a minute makes every other request wait that minute.
 * Override any of them with `WIREWATCH_LIMITS='{"search": {"budgetMs": 2000}}'`.
 */
export const limitsSchema = z.object({
  search: z.object({
    /** Characters in a query. */
    maxQueryLength: count(1, 2000),
    /** Words, prefixes and filters in a query as written; each word of a phrase counts. */
    maxTerms: count(1, 64),
    /** Prefixes (`econom*`) in a query as written: each reads every indexed word it stands for. */
    maxPrefixes: count(0, 16),
    /** Indexed words one prefix may stand for: `a*` stands for thousands, `econom*` for a dozen. */
    maxPrefixWords: count(1, 2000),
    /** Time a search on the server may take (API, pages, feeds); then it stops with a 503. */
    budgetMs: count(1, 5000),
  }).prefault({}),
}).prefault({});

export type Limits = z.infer<typeof limitsSchema>;
export type SearchLimits = Limits['search'];
export const DEFAULT_LIMITS: Limits = limitsSchema.parse({});

export const configSchema = z.object({
  /** The archive: a SQLite file, or a `postgres://…` URL for the PostgreSQL engine. */
  db: z.string().min(1),
  limits: limitsSchema,
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(
  flags: { db?: string | undefined }, env: NodeJS.ProcessEnv = process.env, defaults: Pick<Config, 'db'> = { db: DEFAULT_DB },
): Config {
  const parsed = configSchema.safeParse({
    db: flags.db ?? (env.WIREWATCH_DB || undefined) ?? defaults.db,
    limits: env.WIREWATCH_LIMITS ? json('WIREWATCH_LIMITS', env.WIREWATCH_LIMITS) : undefined,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Problem(400, 'bad_request', `config: ${issue.path.join('.')}: ${issue.message}`);
}

function json(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Problem(400, 'bad_request', `config: ${name} is not valid JSON`);
  }
}
