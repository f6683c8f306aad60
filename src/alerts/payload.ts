/**
 * What an alert says, as the JSON a webhook receives (docs/api.md, "Alerts") and the text and HTML of
 * an email. Pure: built from what the checks found.
 */
import type { ArticleEventView, Follow, SavedSearch } from '../store/types.js';
import type { CoverageFlag } from '../history/coverage.js';

export interface AlertArticle {
  id: string;
  title: string;
  url: string | null;
  link: string;
}

export type Alert =
  | {
      type: 'saved-search';
      savedSearch: Pick<SavedSearch, 'id' | 'name' | 'query'>;
      total: number;
      articles: AlertArticle[];
    }
  | {
      type: 'follow';
      follow: Pick<Follow, 'id' | 'kind' | 'target' | 'label'>;
      total: number;
      articles: AlertArticle[];
      events: Array<Pick<ArticleEventView, 'kind' | 'at' | 'change' | 'reason' | 'versionSeq'>>;
      flags: Array<Pick<CoverageFlag, 'kind' | 'day' | 'detail'>>;
      /** A followed person not seen for far longer than their usual gap (analyse/profile.ts). */
      absence: { lastSeen: string; days: number; usualGap: number | null } | null;
    };

export function alertSubject(a: Alert): string {
  if (a.type === 'saved-search') return `${a.total} new for "${a.savedSearch.name}"`;
  const parts = [];
  if (a.articles.length || (a.total && !a.events.length && !a.flags.length))
    parts.push(`${a.total} new article${a.total === 1 ? '' : 's'}`);
  if (a.events.length)
    parts.push(a.events.map((e) => (e.kind === 'edit' ? 'edited' : e.kind)).join(', '));
  if (a.flags.length) parts.push(a.flags.map((f) => f.kind.replace('-', ' ')).join(', '));
  if (a.absence) parts.push(`not seen for ${a.absence.days} days`);
  return `${a.follow.kind} ${a.follow.label}: ${parts.join('; ')}`;
}

export interface AlertMessage {
  /** The webhook body: `{"event": "alerts", "sentAt", "alerts": [...]}`. */
  json: string;
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function lines(a: Alert): Array<{ text: string; link: string | null }> {
  const out: Array<{ text: string; link: string | null }> = a.articles.map((x) => ({
    text: x.title,
    link: x.link,
  }));
  if (a.type === 'follow') {
    for (const e of a.events)
      out.push({
        text: `${e.at.slice(0, 16).replace('T', ' ')} UTC: ${e.kind === 'edit' ? `edited (${e.change ?? 'edit'})` : e.kind}${e.reason ? ` — ${e.reason}` : ''}`,
        link: null,
      });
    for (const f of a.flags) out.push({ text: `${f.kind} on ${f.day}: ${f.detail}`, link: null });
    if (a.absence)
      out.push({
        text: `last seen ${a.absence.lastSeen}, ${a.absence.days} days before the archive's newest sighting${a.absence.usualGap !== null ? ` (usually every ${a.absence.usualGap} days or sooner)` : ''}`,
        link: null,
      });
  }
  return out;
}

/** One message for the given alerts (one alert when immediate, several in a digest). */
export function alertMessage(alerts: Alert[], sentAt: string): AlertMessage {
  const subject =
    alerts.length === 1 ? alertSubject(alerts[0]!) : `${alerts.length} alerts from wirewatch`;
  const text = alerts
    .map((a) =>
      [alertSubject(a), ...lines(a).map((l) => `- ${l.text}${l.link ? `\n  ${l.link}` : ''}`)].join(
        '\n',
      ),
    )
    .join('\n\n');
  const html = alerts
    .map(
      (a) =>
        `<h2>${escapeHtml(alertSubject(a))}</h2><ul>${lines(a)
          .map(
            (l) =>
              `<li>${l.link ? `<a href="${escapeHtml(l.link)}">${escapeHtml(l.text)}</a>` : escapeHtml(l.text)}</li>`,
          )
          .join('')}</ul>`,
    )
    .join('');
  return {
    json: JSON.stringify({ event: 'alerts', sentAt, alerts }),
    subject,
    text: `${text}\n`,
    html: `<!doctype html><html><body>${html}</body></html>`,
  };
}
