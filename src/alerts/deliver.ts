/**
 * Sends the deliveries that are due: a webhook gets the JSON body signed with its channel's secret, an
 * email address gets the same alerts as plain text and HTML through SMTP (nodemailer). A failed attempt
 * is tried again after a growing wait (1 min, 5 min, 30 min, 2 h, 12 h); after the last attempt the
 * delivery has failed (its user can replay it); a channel whose deliveries keep failing is paused with
 * the reason, shown on the user's Alerts page, until they resume it. Nothing here runs inside a crawl.
 */
import nodemailer from 'nodemailer';
import { Agent, request } from 'undici';
import { NetworkGuard, PRIVATE_NETWORKS, RefusedError } from '../crawl/fetch/guard.js';
import type { AlertSettings } from '../config.js';
import type { AlertChannel, AlertDelivery, ArchiveStore } from '../store/types.js';
import { alertMessage, type Alert } from './payload.js';
import { SIGNATURE_HEADER, signBody } from './sign.js';

const BACKOFF_MINUTES = [1, 5, 30, 120, 720];

export interface DeliverReport {
  delivered: number;
  retrying: number;
  failed: number;
  paused: number;
}

type Send = (channel: AlertChannel, delivery: AlertDelivery) => Promise<void>;

export function nextAttemptAt(now: Date, attemptsSoFar: number): string {
  const minutes = BACKOFF_MINUTES[Math.min(attemptsSoFar, BACKOFF_MINUTES.length) - 1]!;
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}

/**
 * Posts through the crawler's SSRF guard: the receiver's name is resolved, checked against the
 * non-public ranges (unless `allowPrivateWebhooks`), and the connection pinned to the address checked.
 */
function webhookPoster(settings: AlertSettings): Send {
  const guard = new NetworkGuard({
    allow: settings.allowPrivateWebhooks ? PRIVATE_NETWORKS : [],
  });
  const agent = new Agent({ connect: guard.pinnedConnector({ timeoutMs: settings.timeoutMs }) });
  return async (channel, delivery) => {
    let response;
    try {
      response = await request(channel.target, {
        method: 'POST',
        body: delivery.payload,
        dispatcher: agent,
        headersTimeout: settings.timeoutMs,
        bodyTimeout: settings.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'wirewatch-alerts',
          'x-wirewatch-delivery': String(delivery.id),
          [SIGNATURE_HEADER.toLowerCase()]: signBody(delivery.payload, channel.secret),
        },
      });
    } catch (error) {
      if (error instanceof RefusedError)
        throw new Error(`refused: ${error.message}`, { cause: error });
      throw error;
    }
    await response.body.dump();
    if (response.statusCode < 200 || response.statusCode > 299)
      throw new Error(`the webhook answered HTTP ${response.statusCode}`);
  };
}

/** `smtp://user:pass@host:port` (STARTTLS when the server offers it) or `smtps://…` (TLS from the start). */
function smtpTransport(url: string, timeoutMs: number) {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    auth: u.username
      ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) }
      : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}

function mailer(settings: AlertSettings): Send {
  const transport = settings.smtpUrl ? smtpTransport(settings.smtpUrl, settings.timeoutMs) : null;
  return async (channel, delivery) => {
    if (!transport) throw new Error('no mail server is set (WIREWATCH_SMTP_URL)');
    const body = JSON.parse(delivery.payload) as { alerts: Alert[]; sentAt: string };
    const message = alertMessage(body.alerts, body.sentAt);
    await transport.sendMail({
      from: settings.mailFrom,
      to: channel.target,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: { 'X-Wirewatch-Delivery': String(delivery.id) },
    });
  };
}

function reasonOf(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || /Timeout/.test(e.name ?? '')) return 'no answer in time';
  const text = e.cause?.code ? `${e.message} (${e.cause.code})` : (e.message ?? String(error));
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

/** Sends every delivery due at `now` (at most `limit`), one at a time. */
export async function deliverDue(
  store: ArchiveStore,
  settings: AlertSettings,
  now: () => Date,
  limit = 500,
): Promise<DeliverReport> {
  const report: DeliverReport = { delivered: 0, retrying: 0, failed: 0, paused: 0 };
  const sendMail = mailer(settings);
  const postWebhook = webhookPoster(settings);
  const send: Send = (channel, delivery) =>
    channel.kind === 'webhook' ? postWebhook(channel, delivery) : sendMail(channel, delivery);
  const due = await store.alerts.dueDeliveries(now().toISOString(), limit);
  for (const delivery of due) {
    const channel = await store.alerts.getChannel(delivery.channelId);
    if (!channel || channel.pausedAt) continue;
    try {
      await send(channel, delivery);
      await store.alerts.recordAttempt(delivery.id, { deliveredAt: now().toISOString() });
      await store.alerts.recordOutcome(channel.id, { ok: true });
      report.delivered++;
    } catch (error) {
      const attempts = delivery.attempts + 1;
      const error_ = reasonOf(error);
      const next = attempts < settings.maxAttempts ? nextAttemptAt(now(), attempts) : null;
      await store.alerts.recordAttempt(delivery.id, { error: error_, nextAttemptAt: next });
      if (next) report.retrying++;
      else report.failed++;
      const pause =
        channel.failures + 1 >= settings.pauseAfterFailures
          ? {
              at: now().toISOString(),
              reason: `${channel.failures + 1} deliveries failed in a row; the last: ${error_}`,
            }
          : undefined;
      await store.alerts.recordOutcome(channel.id, { ok: false, pause });
      if (pause) report.paused++;
    }
  }
  return report;
}
