/**
 * Configuration, parsed once from one schema: command-line flags win over the environment, which wins
 * over the defaults.
 */
import { z } from 'zod';

export const configSchema = z.object({
  /** The SQLite archive file. */
  db: z.string().min(1).default('./data/wirewatch.db'),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(flags: { db?: string | undefined }, env: NodeJS.ProcessEnv = process.env): Config {
  return configSchema.parse({ db: flags.db ?? (env.WIREWATCH_DB || undefined) });
}
