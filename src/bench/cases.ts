/** What the parent asks a runner child to do, and what the child reports back over IPC. */

/** `cli`: the whole `wirewatch import` process, as a user runs it (start-up, import, drain, refresh, close). */
export type CaseKind = 'wirewatch' | 'cli' | 'fts5';

export interface CaseSpec {
  kind: CaseKind;
  /** Short label shown in the table, e.g. "22k". */
  scale: string;
  /** The gzipped JSONL file both cases read. */
  input: string;
  /** A fresh, empty folder for this case's database. */
  dir: string;
  /** Uncompressed bytes and records of `input` (for MB/s and for progress of a stopped run). */
  totalBytes: number;
  totalRecords: number;
}

export interface ImportCounts {
  records: number;
  rejected: number;
  articlesNew: number;
  unchanged: number;
  newVersion: number;
  stories: number;
  storiesWithCopies: number;
  firstErrors: string[];
}

export interface CaseResult {
  kind: CaseKind;
  scale: string;
  /** Records imported (all of them, or an estimate from bytes read when the run was stopped). */
  records: number;
  /** Uncompressed input bytes consumed. */
  bytes: number;
  /** Wall time from opening the database to closing it. */
  seconds: number;
  /** process.resourceUsage().maxRSS of the child, in KiB (Linux). */
  maxRssKiB: number;
  /** Database + WAL (+ SHM) bytes on disk after close (before close when stopped). */
  archiveBytes: number;
  /** True when the case hit the time cap: figures are for the part done, the rate is optimistic. */
  stopped?: boolean;
  counts?: ImportCounts;
  error?: string;
  /** Wall seconds of every repeat when this is the median of several runs. */
  runs?: number[];
  /** Ran under the CPU profiler: a little slower than a plain run. */
  profiled?: boolean;
  /** A CPU profile written by the child (--profile). */
  profile?: string;
}

export type RunnerMessage =
  | { type: 'progress'; records: number; bytes: number; seconds: number }
  | { type: 'result'; result: CaseResult };

export type ParentMessage = { type: 'stop' };
