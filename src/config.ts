/**
 * Configuration, parsed once from one schema: command-line flags win over the environment, which wins
 * over the defaults.
 */
import { z } from 'zod';

export const DEFAULT_DB = './data/wirewatch.db';
/** `wirewatch demo` keeps its archive apart from the user's own. */
export const DEMO_DB = './data/demo.db';

export const configSchema = z.object({
  /** The archive: a SQLite file, or a `postgres://…` URL for the PostgreSQL engine. */
  db: z.string().min(1),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(
  flags: { db?: string | undefined }, env: NodeJS.ProcessEnv = process.env, defaults: Config = { db: DEFAULT_DB },
): Config {
  return configSchema.parse({ db: flags.db ?? (env.WIREWATCH_DB || undefined) ?? defaults.db });
}
