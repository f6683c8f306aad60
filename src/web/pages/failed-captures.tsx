/**
 * On /sources: captures whose processing failed until the retry budget ran out. Their bytes are kept;
 * `wirewatch captures --failed` lists them all and `wirewatch reprocess --failed` retries them once the
 * cause is fixed. The page shows the oldest few, with the error each last gave.
 */
import type { CaptureRecord } from '../../store/types.js';
import { shortTime } from '../format.js';

export function FailedCaptures(props: { failed: { items: CaptureRecord[]; total: number } }) {
  const { items, total } = props.failed;
  if (total === 0) return null;
  return (
    <section class="failed-captures" aria-labelledby="failed-captures-title">
      <h2 id="failed-captures-title">
        {total.toLocaleString('en')} capture{total === 1 ? '' : 's'} failed
      </h2>
      <p>
        Processing these captures failed on every attempt; their bytes are kept.{' '}
        <code>wirewatch captures --failed</code> lists them all, and{' '}
        <code>wirewatch reprocess --failed</code> tries again once the cause is fixed.
      </p>
      <ul>
        {items.map((c) => (
          <li>
            <code>{c.kind}</code> {c.origin} ({shortTime(c.capturedAt)}, {c.attempts} attempts):{' '}
            {c.lastError ?? 'no error recorded'}
          </li>
        ))}
      </ul>
      {total > items.length && <p>… and {(total - items.length).toLocaleString('en')} more.</p>}
    </section>
  );
}
