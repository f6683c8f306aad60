/** Counts and rejections of one import or reprocess run; printed by the CLI, returned by `--json`. */
import type { ApplyOutcome } from '../reconcile/apply.js';

export interface IngestReport {
  files: number;
  captures: { new: number; known: number };
  records: number;
  articles: { new: number; unchanged: number; newVersion: number; completedTeaser: number };
  teasers: { new: number; known: number };
  rejected: number;
  /** One line each, `file:line: reason` where there is a line. */
  errors: string[];
  /** Accepted input worth a remark (e.g. `year unknown`); not a rejection. */
  warnings: string[];
}

export function emptyReport(): IngestReport {
  return {
    files: 0,
    captures: { new: 0, known: 0 },
    records: 0,
    articles: { new: 0, unchanged: 0, newVersion: 0, completedTeaser: 0 },
    teasers: { new: 0, known: 0 },
    rejected: 0,
    errors: [],
    warnings: [],
  };
}

export function countOutcome(report: IngestReport, outcome: ApplyOutcome): void {
  switch (outcome) {
    case 'new':
      report.articles.new++;
      break;
    case 'unchanged':
      report.articles.unchanged++;
      break;
    case 'new-version':
      report.articles.newVersion++;
      break;
    case 'completed-teaser':
      report.articles.completedTeaser++;
      break;
    case 'teaser-new':
      report.teasers.new++;
      break;
    case 'teaser-known':
      report.teasers.known++;
      break;
  }
}

/** Keeps memory bounded on a file full of bad lines: the count stays exact, the text stops at a cap. */
export const MAX_ERROR_LINES = 1000;

/**
 * Past the cap, one last line counts the rest, kept up to date as they come, so whoever reads the
 * errors (the CLI, a capture's `errors`) sees how many were left out.
 */
export function reject(report: IngestReport, line: string): void {
  report.rejected++;
  if (report.errors.length < MAX_ERROR_LINES) {
    report.errors.push(line);
    return;
  }
  const unlisted = report.rejected - MAX_ERROR_LINES;
  report.errors[MAX_ERROR_LINES] =
    `… and ${unlisted.toLocaleString('en-US')} more rejection${unlisted === 1 ? '' : 's'} not listed`;
}

/** Texts and teasers the run accepted: new, changed or seen again. */
export function acceptedCount(report: IngestReport): number {
  const a = report.articles;
  return (
    a.new +
    a.unchanged +
    a.newVersion +
    a.completedTeaser +
    report.teasers.new +
    report.teasers.known
  );
}
