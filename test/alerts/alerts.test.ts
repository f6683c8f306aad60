/**
 * Alerts end to end with real receivers, on both engines: a saved search and a follow get new hits and
 * edits; the check queues them; a real HTTP server on 127.0.0.1 receives the webhook and verifies its
 * HMAC-SHA256 signature, a real SMTP server (smtp-server) receives the mail, parsed by mailparser;
 * a dead endpoint is retried with back-off, fails, pauses its channel with the reason, and its delivery
 * is replayed once the user resumes it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAlerts } from '../../src/alerts/check.js';
import { deliverDue, nextAttemptAt } from '../../src/alerts/deliver.js';
import { verifySignature } from '../../src/alerts/sign.js';
import { addUser } from '../../src/accounts/users.js';
import { follow, saveSearch } from '../../src/accounts/watch.js';
import { DEFAULT_ALERTS, type AlertSettings } from '../../src/config.js';
import type { ArchiveStore, User } from '../../src/store/types.js';
import { ENGINES, makeArchive, type Engine } from '../helpers/archive.js';
import { dropAll } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';
import { articleWithVersions } from '../helpers/versions.js';

const dir = tempDir();
const SECRET = 'the channel secret';

interface Received {
  body: string;
  signature: string | null;
  delivery: string | null;
}
const received: Received[] = [];
let failing = false;
let hook: Server;
let hookUrl = '';
const mails: ParsedMail[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (failing) {
        res.statusCode = 503;
        return res.end('down');
      }
      received.push({
        body,
        signature: (req.headers['x-wirewatch-signature'] as string | undefined) ?? null,
        delivery: (req.headers['x-wirewatch-delivery'] as string | undefined) ?? null,
      });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => hook.close(() => resolve()));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  dir.cleanup();
  await dropAll();
});

describe.each(ENGINES)('alerts: %s', (engine: Engine) => {
  let store: ArchiveStore;
  let ada: User;
  let importAt: (path: string, at: string) => Promise<unknown>;
  const settings = (): AlertSettings => ({
    ...DEFAULT_ALERTS,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    maxAttempts: 3,
    pauseAfterFailures: 3,
    timeoutMs: 2000,
    // The receivers of these tests are on 127.0.0.1; by default a webhook may not reach it.
    allowPrivateWebhooks: true,
  });

  beforeAll(async () => {
    const archive = await makeArchive(engine, dir.path);
    store = archive.store;
    importAt = (path, at) => archive.import([path], { now: () => at });
    ada = await addUser(store, 'test', {
      name: 'ada',
      role: 'reader',
      password: 'a long enough password',
    });
  });
  afterAll(() => store.close());

  /** A new reader with a webhook channel to the test receiver and one delivery due on it. */
  async function userWithQueuedWebhook(name: string, payload: string) {
    const user = await addUser(store, 'test', {
      name: `${name}-${engine}`,
      role: 'reader',
      password: 'a long enough password',
    });
    const at = '2026-11-30T00:00:00.000Z';
    const channel = await store.alerts.addChannel({
      userId: user.id,
      kind: 'webhook',
      target: hookUrl,
      secret: SECRET,
      mode: 'immediate',
      createdAt: at,
    });
    await store.alerts.enqueue([
      { channelId: channel.id, createdAt: at, subject: 'test', payload },
    ]);
    return { user, channel };
  }

  it('sends new hits and edits by signed webhook and by email, once each', async () => {
    received.length = 0;
    mails.length = 0;
    const T0 = new Date('2026-11-20T12:00:00.000Z');
    const saved = await saveSearch(
      store,
      ada,
      { name: 'Quetzal', query: 'quetzalcoatlite', sort: 'newest' },
      T0,
    );
    const articleId = await articleWithVersions(
      store,
      dir.path,
      {
        source: 'KCNA.kp (En)',
        language: 'en',
        title: 'Followed story',
        url: `http://kcna.kp/en/article/q/followed-${engine}.kcmsf`,
      },
      [
        'Pyongyang, November 20 (KCNA) -- The first text of the followed story, long enough to be an article of its own.',
        'Pyongyang, November 20 (KCNA) -- The second text of the followed story, long enough to be an article, now edited.',
      ],
    );
    await follow(store, ada, 'article', articleId, T0);
    await store.alerts.addChannel({
      userId: ada.id,
      kind: 'webhook',
      target: hookUrl,
      secret: SECRET,
      mode: 'immediate',
      createdAt: T0.toISOString(),
    });
    await store.alerts.addChannel({
      userId: ada.id,
      kind: 'email',
      target: 'ada@example.org',
      secret: '',
      mode: 'digest',
      createdAt: T0.toISOString(),
    });
    const later = join(dir.path, `alerts-${engine}.jsonl`);
    writeFileSync(
      later,
      `${JSON.stringify({
        source: 'KCNA.kp (En)',
        language: 'en',
        published: '2026-11-29',
        title: 'Pyongyang hosts quetzalcoatlite exhibition',
        body: 'Pyongyang, November 29 (KCNA) -- An exhibition of quetzalcoatlite opened in Pyongyang on Sunday with many visitors attending it.',
        url: `http://kcna.kp/en/article/q/quetzal-${engine}.kcmsf`,
      })}\n`,
    );
    await importAt(later, '2026-11-29T00:00:00.000Z');
    const now = new Date('2026-11-30T00:00:00.000Z');
    const check = await checkAlerts(store, { now, origin: 'https://wire.example.org' });
    expect(check).toMatchObject({ alerts: 2, deliveries: 3 }); // 2 webhooks (immediate), 1 digest mail
    const report = await deliverDue(store, settings(), () => now);
    expect(report).toEqual({ delivered: 3, retrying: 0, failed: 0, paused: 0 });
    // The webhooks: JSON, signed with the channel's secret over the exact bytes.
    expect(received).toHaveLength(2);
    for (const r of received) {
      expect(verifySignature(r.body, SECRET, r.signature)).toBe(true);
      expect(verifySignature(r.body, 'another secret', r.signature)).toBe(false);
      expect(r.delivery).toMatch(/^\d+$/);
    }
    const bodies = received.map((r) => JSON.parse(r.body));
    const search = bodies.find((b) => b.alerts[0].type === 'saved-search').alerts[0];
    expect(search).toMatchObject({ savedSearch: { id: saved.id, name: 'Quetzal' }, total: 1 });
    expect(search.articles[0].title).toContain('quetzalcoatlite');
    expect(search.articles[0].link).toMatch(/^https:\/\/wire\.example\.org\/articles\//);
    const followed = bodies.find((b) => b.alerts[0].type === 'follow').alerts[0];
    expect(followed.events).toEqual([expect.objectContaining({ kind: 'edit', versionSeq: 2 })]);
    // The digest: one mail with both, as text and HTML.
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('2 alerts from wirewatch');
    expect(mails[0]!.text).toContain('quetzalcoatlite');
    expect(mails[0]!.html).toContain('<a href="https://wire.example.org/articles/');
    // Checked again: nothing new, nothing sent twice.
    expect((await checkAlerts(store, { now, origin: 'https://wire.example.org' })).alerts).toBe(0);
    expect((await deliverDue(store, settings(), () => now)).delivered).toBe(0);
    const log = await store.alerts.listDeliveries(ada.id, 10);
    expect(log.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('retries a dead endpoint with back-off, pauses its channel, and replays once resumed', async () => {
    const { user: bob, channel } = await userWithQueuedWebhook(
      'bob',
      '{"event":"alerts","alerts":[]}',
    );
    failing = true;
    received.length = 0;
    let now = new Date('2026-11-30T00:00:00.000Z');
    expect(await deliverDue(store, settings(), () => now)).toMatchObject({ retrying: 1 });
    // Not due again before its back-off.
    expect(await deliverDue(store, settings(), () => now)).toMatchObject({
      retrying: 0,
      delivered: 0,
    });
    now = new Date(nextAttemptAt(now, 1));
    expect(await deliverDue(store, settings(), () => now)).toMatchObject({ retrying: 1 });
    now = new Date(nextAttemptAt(now, 2));
    expect(await deliverDue(store, settings(), () => now)).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 1,
      paused: 1,
    });
    const [paused] = await store.alerts.listChannels(bob.id);
    expect(paused!.pausedAt).not.toBeNull();
    expect(paused!.pauseReason).toContain('HTTP 503');
    const [failed] = await store.alerts.listDeliveries(bob.id, 5);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'the webhook answered HTTP 503',
    });
    // Replayed while paused: queued, but held until the channel is resumed.
    failing = false;
    expect(await store.alerts.replay(failed!.id, bob.id, now.toISOString())).toBe(true);
    expect((await deliverDue(store, settings(), () => now)).delivered).toBe(0);
    expect(await store.alerts.resumeChannel(channel.id, bob.id)).toBe(true);
    expect((await deliverDue(store, settings(), () => now)).delivered).toBe(1);
    expect(received).toHaveLength(1);
    expect(verifySignature(received[0]!.body, SECRET, received[0]!.signature)).toBe(true);
    // Another user's delivery cannot be replayed by them.
    expect(await store.alerts.replay(failed!.id, ada.id, now.toISOString())).toBe(false);
  });

  it('finds the same new hits with a shared document cache and without snippets', async () => {
    const { searchArchive } = await import('../../src/search/search.js');
    const cache = new Map();
    for (const query of ['Pyongyang', 'quetzalcoatlite', '"followed story"', 'text lang:en']) {
      const plain = await searchArchive(store, {
        query,
        sort: 'newest',
        limit: 20,
        archivedSince: '2026-11-28T12:00:00.000Z',
      });
      const lean = await searchArchive(store, {
        query,
        sort: 'newest',
        limit: 20,
        archivedSince: '2026-11-28T12:00:00.000Z',
        snippets: false,
        documentCache: cache,
      });
      expect(lean.total, query).toBe(plain.total);
      expect(lean.hits.map((h) => [h.id, h.title.segments.map((x) => x.text).join('')])).toEqual(
        plain.hits.map((h) => [h.id, h.title.segments.map((x) => x.text).join('')]),
      );
      expect(lean.hits.every((h) => h.snippet.length === 0)).toBe(true);
      // Before the cut, everything; after the last arrival, nothing.
      const all = await searchArchive(store, { query, limit: 1 });
      const none = await searchArchive(store, {
        query,
        limit: 1,
        archivedSince: '2026-12-01T00:00:00.000Z',
      });
      expect(plain.total).toBeLessThanOrEqual(all.total);
      expect(none.total).toBe(0);
    }
    expect(cache.size).toBeGreaterThan(0);
    expect(
      (
        await searchArchive(store, {
          query: 'quetzalcoatlite',
          archivedSince: '2026-11-28T12:00:00.000Z',
        })
      ).total,
    ).toBe(1);
  });

  it('refuses by default a webhook on loopback or a private address, and says so', async () => {
    const { user: cy } = await userWithQueuedWebhook('cy', '{}');
    received.length = 0;
    const now = new Date('2026-11-30T00:00:00.000Z');
    const report = await deliverDue(
      store,
      { ...settings(), allowPrivateWebhooks: false },
      () => now,
    );
    expect(report.retrying).toBe(1);
    expect(received).toHaveLength(0);
    const [delivery] = await store.alerts.listDeliveries(cy.id, 1);
    expect(delivery!.lastError).toMatch(/^refused: .*127\.0\.0\.1/);
  });

  it('tells of a followed person’s absence once, measured to the archive’s newest sighting', async () => {
    const dee = await addUser(store, 'test', {
      name: `dee-${engine}`,
      role: 'reader',
      password: 'a long enough password',
    });
    const file = join(dir.path, `absence-${engine}.jsonl`);
    const story = (published: string, body: string, n: number) =>
      JSON.stringify({
        source: 'KCNA.kp (En)',
        language: 'en',
        published,
        title: `Factory visit ${n}`,
        body: `Pyongyang, (KCNA) -- ${body} The workers there pledged to carry out the plan of the year ahead of time.`,
        url: `http://kcna.kp/en/article/q/absence-${engine}-${n}.kcmsf`,
      });
    const months = ['01', '02', '03', '04', '05', '06', '07'];
    const lines = months.map((m, i) =>
      story(
        `2013-${m}-01`,
        `Choe Ryong Hae, a senior official, visited the Kangson Steel Complex number ${i}.`,
        i,
      ),
    );
    lines.push(
      story('2013-12-31', 'Pak Pong Ju, premier of the Cabinet, visited a textile mill.', 99),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    await importAt(file, '2026-12-01T00:00:00.000Z');
    const followed = await follow(
      store,
      dee,
      'person',
      'choe-ryong-hae',
      new Date('2026-12-02T00:00:00.000Z'),
    );
    await store.alerts.addChannel({
      userId: dee.id,
      kind: 'webhook',
      target: hookUrl,
      secret: SECRET,
      mode: 'immediate',
      createdAt: '2026-12-02T00:00:00.000Z',
    });
    const now = new Date('2026-12-03T00:00:00.000Z');
    await checkAlerts(store, { now, origin: 'https://wire.example.org' });
    const [queued] = await store.alerts.listDeliveries(dee.id, 5);
    const [alert] = JSON.parse(queued!.payload).alerts;
    expect(alert).toMatchObject({
      type: 'follow',
      follow: { id: followed.id, kind: 'person', target: 'choe-ryong-hae' },
      absence: { lastSeen: '2013-07-01', days: 183 },
    });
    expect(queued!.subject).toContain('not seen for 183 days');
    // Told once: the next check is quiet about it.
    await checkAlerts(store, {
      now: new Date('2026-12-04T00:00:00.000Z'),
      origin: 'https://wire.example.org',
    });
    expect(await store.alerts.listDeliveries(dee.id, 5)).toHaveLength(1);
  });
});
