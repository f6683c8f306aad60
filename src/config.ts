/**
 * Configuration, parsed once from one schema: command-line flags win over the environment, which wins
 * over the defaults.
 */
import { z } from 'zod';
import { Problem } from './errors.js';
import { normalHost } from './server/host-names.js';

export const DEFAULT_DB = './data/wirewatch.db';
/** `wirewatch demo` keeps its archive apart from the user's own. */
export const DEMO_DB = './data/demo.db';

const MIB = 1024 * 1024;
const count = (min: number, value: number) => z.number().int().min(min).default(value);

/**
 * How much work one request may ask for. The server is one process over one synchronous SQLite
 * connection: a request that reads for a minute makes every other request wait that minute.
 * Override any of them with `WIREWATCH_LIMITS='{"search": {"budgetMs": 2000}}'`.
 */
export const limitsSchema = z
  .object({
    search: z
      .object({
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
      })
      .prefault({}),
    coverage: z
      .object({
        /** Days one coverage report may span; it reads the 28 days before the range as well. */
        maxDays: count(1, 366),
      })
      .prefault({}),
    /**
     * What one record of an imported file may hold. Input is hostile: past these a record is rejected
     * with one line (its bytes stay kept in the capture) and never read whole into memory.
     */
    import: z
      .object({
        /** A WARC record's declared Content-Length; a larger record is skipped unread. */
        maxWarcRecordBytes: count(1, 64 * MIB),
        /** Bytes of one JSONL line; the rest of a longer line is skipped unread. */
        maxLineBytes: count(1, 16 * MIB),
        /** Characters of a title (a headline is a line, not a book). */
        maxTitleChars: count(1, 2000),
        /** Characters of a body, all paragraphs together. */
        maxBodyChars: count(1, 2_000_000),
      })
      .prefault({}),
    /** Accounts (docs/api.md, "Accounts and tokens"). */
    auth: z
      .object({
        /** How long a sign-in lasts, in hours. */
        sessionHours: count(1, 168),
        /** Failed sign-ins one name may have per window before it waits for the window to end. */
        failuresPerName: count(1, 10),
        /** Sign-in attempts one client address may make per window. */
        attemptsPerAddress: count(1, 50),
        /** The sign-in window, in seconds. */
        windowSeconds: count(1, 900),
        /** Requests one API token may make per minute (per server process). */
        tokenRequestsPerMinute: count(1, 1200),
      })
      .prefault({}),
  })
  .prefault({});

export type Limits = z.infer<typeof limitsSchema>;
export type SearchLimits = Limits['search'];
export type ImportLimits = Limits['import'];
export const DEFAULT_LIMITS: Limits = limitsSchema.parse({});

/** An http(s) origin, without a path: the pages link from the root, so the reader cannot live under one. */
const origin = z.string().transform((text, ctx) => {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    /* reported below */
  }
  const plain =
    url &&
    /^https?:$/.test(url.protocol) &&
    !url.username &&
    !url.password &&
    url.pathname === '/' &&
    !url.search &&
    !url.hash;
  if (!plain) {
    ctx.addIssue({
      code: 'custom',
      message: `expected an http(s) origin such as https://wire.example.org, without a path (got "${text}")`,
    });
    return z.NEVER;
  }
  return url!.origin;
});

const hostName = z.string().transform((text, ctx) => {
  const host = normalHost(text);
  if (host === null) {
    ctx.addIssue({ code: 'custom', message: `not a host name or address: "${text}"` });
    return z.NEVER;
  }
  return host;
});

export const serverSchema = z
  .object({
    /** Where readers reach the server (a proxy's address, say): feeds link there. */
    baseUrl: origin.optional(),
    /** Host names the server answers for (`*`: any); absent, the loopback names and the bound address. */
    allowedHosts: z.array(hostName).min(1).optional(),
    /**
     * Rendered pages each server process keeps while the archive is unchanged, in MiB of compressed
     * bytes (server/page-cache.ts): 32 holds about 8,000 article pages; 0 keeps none.
     */
    pageCacheMiB: z.number().int().min(0).max(65536).default(32),
  })
  .prefault({});

/** How alerts are sent (alerts/deliver.ts). */
export const alertsSchema = z
  .object({
    /** `smtp://user:pass@host:port` or `smtps://…` (nodemailer's URL form); absent: email is not sent. */
    smtpUrl: z.string().url().optional(),
    /** The From of alert mail. */
    mailFrom: z.string().min(3).default('wirewatch <wirewatch@localhost>'),
    /** Attempts per delivery before it fails for good (then it can be replayed). */
    maxAttempts: count(1, 6),
    /** Deliveries failing in a row before the channel is paused (until its user resumes it). */
    pauseAfterFailures: count(1, 10),
    /** How long a webhook receiver or mail server may take to answer, in milliseconds. */
    timeoutMs: count(100, 10_000),
    /**
     * Webhooks may reach loopback and the private ranges (crawl/fetch/guard.ts: PRIVATE_NETWORKS):
     * off by default, or any user could make the server post to services only it can reach.
     */
    allowPrivateWebhooks: z.boolean().default(false),
  })
  .prefault({});

export type AlertSettings = z.infer<typeof alertsSchema>;
export const DEFAULT_ALERTS: AlertSettings = alertsSchema.parse({});

export const configSchema = z.object({
  /** The archive: a SQLite file, or a `postgres://…` URL for the PostgreSQL engine. */
  db: z.string().min(1),
  limits: limitsSchema,
  server: serverSchema,
  alerts: alertsSchema,
});

export type Config = z.infer<typeof configSchema>;

export interface ConfigFlags {
  db?: string | undefined;
  baseUrl?: string | undefined;
  /** Comma-separated, as `--allowed-hosts a,b` gives it. */
  allowedHosts?: string | undefined;
}

/** Where each setting comes from, for errors a user can act on. */
const ORIGINS: Record<string, string> = {
  db: '--db / WIREWATCH_DB',
  limits: 'WIREWATCH_LIMITS',
  'server.baseUrl': '--base-url / WIREWATCH_BASE_URL',
  'server.allowedHosts': '--allowed-hosts / WIREWATCH_ALLOWED_HOSTS',
  'server.pageCacheMiB': 'WIREWATCH_PAGE_CACHE_MIB',
  'alerts.smtpUrl': 'WIREWATCH_SMTP_URL',
  'alerts.mailFrom': 'WIREWATCH_MAIL_FROM',
  'alerts.allowPrivateWebhooks': 'WIREWATCH_ALLOW_PRIVATE_WEBHOOKS',
};

export function loadConfig(
  flags: ConfigFlags,
  env: NodeJS.ProcessEnv = process.env,
  defaults: Pick<Config, 'db'> = { db: DEFAULT_DB },
): Config {
  const hosts = flags.allowedHosts ?? (env.WIREWATCH_ALLOWED_HOSTS || undefined);
  const parsed = configSchema.safeParse({
    db: flags.db ?? (env.WIREWATCH_DB || undefined) ?? defaults.db,
    limits: env.WIREWATCH_LIMITS ? json('WIREWATCH_LIMITS', env.WIREWATCH_LIMITS) : undefined,
    alerts: {
      smtpUrl: env.WIREWATCH_SMTP_URL || undefined,
      mailFrom: env.WIREWATCH_MAIL_FROM || undefined,
      allowPrivateWebhooks: env.WIREWATCH_ALLOW_PRIVATE_WEBHOOKS === '1' || undefined,
    },
    server: {
      baseUrl: flags.baseUrl ?? (env.WIREWATCH_BASE_URL || undefined),
      pageCacheMiB: env.WIREWATCH_PAGE_CACHE_MIB ? Number(env.WIREWATCH_PAGE_CACHE_MIB) : undefined,
      allowedHosts:
        hosts === undefined
          ? undefined
          : hosts
              .split(',')
              .map((h) => h.trim())
              .filter(Boolean),
    },
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.path.map(String).join('.');
  const [setting, from] = Object.entries(ORIGINS).find(
    ([k]) => key === k || key.startsWith(`${k}.`),
  ) ?? [null, null];
  const where = [from, setting === key ? null : key].filter(Boolean).join(': ');
  throw new Problem(400, 'bad_request', `config: ${where ? `${where}: ` : ''}${issue.message}`);
}

function json(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Problem(400, 'bad_request', `config: ${name} is not valid JSON`);
  }
}
