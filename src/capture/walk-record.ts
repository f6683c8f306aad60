/**
 * The record of a list walk that reached the last page: one WARC `metadata` record (target: the
 * list's first page) whose JSON payload names every article URL the walk's pages listed, the
 * captures of those pages, and the record of the walk before it. Stored as a `warc` capture like any
 * exchange (so `export --warc` carries it and an import gives it back), it is the evidence that an
 * article dropped out of every page: the driver compares it with the previous record
 * (ingest/list-walk.ts).
 */
import { z } from 'zod';
import { serializeWarcRecord, WARCRecord } from './warc.js';

export const WALK_RECORD_TYPE = 'application/vnd.wirewatch.list-walk+json';

const walkRecordSchema = z.object({
  list: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  pages: z.array(z.string()),
  urls: z.array(z.string()),
  previous: z.string().nullable(),
});

export type WalkRecord = z.infer<typeof walkRecordSchema>;

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The record's bytes (uncompressed WARC). */
export function walkRecordBytes(walk: WalkRecord): Promise<Uint8Array> {
  const payload = new TextEncoder().encode(JSON.stringify(walk));
  const record = WARCRecord.create(
    {
      url: walk.list,
      date: walk.endedAt,
      type: 'metadata',
      warcVersion: 'WARC/1.1',
      warcHeaders: { 'Content-Type': WALK_RECORD_TYPE },
    },
    once(payload),
  );
  return serializeWarcRecord(record, payload);
}

/** The walk a record's payload describes, or why it is not one. */
export function parseWalkRecord(payload: Uint8Array): WalkRecord | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(payload));
  } catch (error) {
    return { error: `list walk record: not JSON (${(error as Error).message})` };
  }
  const parsed = walkRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `list walk record: ${issue.path.join('.') || '(top)'}: ${issue.message}` };
  }
  return parsed.data;
}
