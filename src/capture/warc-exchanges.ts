/**
 * The records of a WARC file, grouped into exchanges: one capture each, the way the crawler stores them.
 *
 * After a wirewatch sidecar (warc-sidecar.ts) the group is exactly the records it announces. Otherwise
 * records join the current group when WARC links tie them to it (WARC-Concurrent-To either way, which
 * is how the crawler ties request, response and its error metadata), or when a response answers the
 * group's unanswered request for the same URI (writers that link nothing). Anything else starts a new
 * group: a request, a lone metadata record (the crawler's refusals), a warcinfo record. So a crawled
 * archive exported without sidecars is still cut at the crawler's own boundaries.
 */
import { readSidecar, type Sidecar } from './warc-sidecar.js';
import { header, WarcSplitError, type RawWarcRecord } from './warc-split.js';

export interface WarcExchange {
  records: RawWarcRecord[];
  /** The export's account of this capture, when the records match it exactly. */
  sidecar: Sidecar | null;
}

const ANSWERS = new Set(['response', 'revisit', 'resource']);

class Group {
  records: RawWarcRecord[] = [];
  private ids = new Set<string>();
  private refs = new Set<string>();
  size = 0;

  constructor(readonly sidecar: Sidecar | null = null) {}

  add(record: RawWarcRecord): void {
    this.records.push(record);
    this.size += record.bytes.length;
    const id = header(record, 'warc-record-id');
    if (id) this.ids.add(id);
    for (const ref of record.headers.get('warc-concurrent-to') ?? []) this.refs.add(ref);
  }

  /** Whether the record belongs with the records so far (never with a warcinfo record). */
  takes(record: RawWarcRecord): boolean {
    if (!this.records.length || record.type === 'warcinfo' || this.records[0]!.type === 'warcinfo')
      return false;
    const id = header(record, 'warc-record-id');
    if (id && this.refs.has(id)) return true;
    if ((record.headers.get('warc-concurrent-to') ?? []).some((ref) => this.ids.has(ref)))
      return true;
    const request = this.records.find((r) => r.type === 'request');
    const answered = this.records.some((r) => ANSWERS.has(r.type));
    return (
      ANSWERS.has(record.type) &&
      request !== undefined &&
      !answered &&
      header(request, 'warc-target-uri') === header(record, 'warc-target-uri')
    );
  }
}

/**
 * Exchanges in file order. On a break the records already read still come out as their group (the
 * error is rethrown after it), so everything before the break is imported.
 */
export async function* groupExchanges(
  records: AsyncIterable<RawWarcRecord>,
): AsyncGenerator<WarcExchange> {
  let group = new Group();
  const flush = (): WarcExchange | null => {
    if (!group.records.length) return null;
    const sidecar = group.sidecar && group.size === group.sidecar.size ? group.sidecar : null;
    return { records: group.records, sidecar };
  };
  try {
    for await (const record of records) {
      const sidecar = readSidecar(record);
      if (sidecar) {
        const done = flush();
        if (done) yield done;
        group = new Group(sidecar);
        continue;
      }
      if (group.sidecar) {
        group.add(record);
        if (group.size >= group.sidecar.size) {
          yield flush()!;
          group = new Group();
        }
        continue;
      }
      if (!group.takes(record)) {
        const done = flush();
        if (done) yield done;
        group = new Group();
      }
      group.add(record);
    }
  } catch (error) {
    if (!(error instanceof WarcSplitError)) throw error;
    const done = flush();
    if (done) yield { ...done, sidecar: null };
    throw error;
  }
  const done = flush();
  if (done) yield done;
}
