import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractContext } from '../../../src/extract/types.js';

/** A case's optional context.json; `fetchedAt` is stored as an ISO string and revived as a Date. */
export function loadContext(dir: string): ExtractContext {
  const file = join(dir, 'context.json');
  if (!existsSync(file)) return {};
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const ctx = { ...raw } as ExtractContext;
  if (typeof raw.fetchedAt === 'string') ctx.fetchedAt = new Date(raw.fetchedAt);
  return ctx;
}
