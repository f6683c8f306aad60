/**
 * The accounts part of the storage contract (users, sessions, API tokens, the audit log): both engines
 * must pass these same tests.
 */
import { describe, expect, it } from 'vitest';
import type { ArchiveStore } from '../../src/store/types.js';

const T0 = '2026-12-01T00:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

const user = (name: string, role: 'admin' | 'editor' | 'reader' = 'reader') => ({
  name,
  role,
  passwordHash: `hash-of-${name}`,
  at: T0,
});

async function withStore(
  makeStore: () => Promise<ArchiveStore>,
  fn: (store: ArchiveStore) => Promise<void>,
): Promise<void> {
  const store = await makeStore();
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

export function accountsContract(engine: string, makeStore: () => Promise<ArchiveStore>): void {
  describe(`accounts contract (${engine})`, () => {
    it('adds users once per name, counts them by role, and lists them by name', () =>
      withStore(makeStore, async (store) => {
        const a = store.accounts;
        expect(await a.countUsers()).toBe(0);
        const zoe = await a.addUser(user('zoe', 'admin'));
        expect(zoe).toMatchObject({ name: 'zoe', role: 'admin', createdAt: T0 });
        expect(typeof zoe!.id).toBe('number');
        expect(await a.addUser(user('zoe', 'reader'))).toBeNull();
        await a.addUser(user('ann'));
        expect(await a.countUsers()).toBe(2);
        expect(await a.countUsers('admin')).toBe(1);
        expect(await a.countUsers('editor')).toBe(0);
        expect((await a.listUsers()).map((u) => u.name)).toEqual(['ann', 'zoe']);
        expect(await a.getUserByName('zoe')).toMatchObject({ passwordHash: 'hash-of-zoe' });
        expect(await a.getUserByName('nobody')).toBeNull();
      }));

    it('keeps a session until it expires or is deleted; a new password or role ends them all', () =>
      withStore(makeStore, async (store) => {
        const a = store.accounts;
        const ann = (await a.addUser(user('ann', 'editor')))!;
        const session = {
          idHash: 'h1',
          userId: ann.id,
          csrfToken: 'c1',
          createdAt: T0,
          expiresAt: at(2),
        };
        await a.createSession(session);
        expect(await a.getSession('h1', at(1))).toEqual({ ...session, user: ann });
        expect(await a.getSession('h1', at(2))).toBeNull();
        expect(await a.getSession('nope', at(1))).toBeNull();
        expect(await a.deleteExpiredSessions(at(1))).toBe(0);
        await a.createSession({ ...session, idHash: 'h2' });
        expect(await a.updateUser('ann', { passwordHash: 'new', at: at(1) })).toBe(true);
        expect(await a.getSession('h1', at(1))).toBeNull();
        expect(await a.getSession('h2', at(1))).toBeNull();
        expect(await a.getUserByName('ann')).toMatchObject({
          passwordHash: 'new',
          passwordChangedAt: at(1),
          role: 'editor',
        });
        await a.createSession({ ...session, idHash: 'h3' });
        expect(await a.updateUser('ann', { role: 'reader', at: at(1) })).toBe(true);
        expect(await a.getSession('h3', at(1))).toBeNull();
        expect(await a.getUserByName('ann')).toMatchObject({ passwordHash: 'new', role: 'reader' });
        expect(await a.updateUser('nobody', { role: 'reader', at: at(1) })).toBe(false);
        await a.createSession({ ...session, idHash: 'h4' });
        await a.deleteSession('h4');
        expect(await a.getSession('h4', at(1))).toBeNull();
        await a.createSession({ ...session, idHash: 'h5', expiresAt: at(1) });
        expect(await a.deleteExpiredSessions(at(1))).toBe(1);
      }));

    it('finds a token by its digest, lists and revokes it (only its owner’s, when given)', () =>
      withStore(makeStore, async (store) => {
        const a = store.accounts;
        const ann = (await a.addUser(user('ann', 'editor')))!;
        const bob = (await a.addUser(user('bob')))!;
        const t1 = await a.addToken({
          userId: ann.id,
          label: 'feeds',
          scopes: ['read', 'write'],
          tokenHash: 'd1',
          createdAt: T0,
          expiresAt: at(24),
        });
        expect(t1).toMatchObject({
          userId: ann.id,
          userName: 'ann',
          label: 'feeds',
          scopes: ['read', 'write'],
          expiresAt: at(24),
          revokedAt: null,
        });
        const t2 = await a.addToken({
          userId: bob.id,
          label: 'export',
          scopes: ['read'],
          tokenHash: 'd2',
          createdAt: at(1),
          expiresAt: null,
        });
        expect(await a.findToken('d1')).toEqual({ token: t1, user: ann });
        expect(await a.findToken('zz')).toBeNull();
        expect((await a.listTokens()).map((t) => t.id)).toEqual([t2.id, t1.id]);
        expect((await a.listTokens(bob.id)).map((t) => t.id)).toEqual([t2.id]);
        expect(await a.revokeToken(t1.id, at(2), bob.id)).toBe(false);
        expect(await a.revokeToken(t1.id, at(2), ann.id)).toBe(true);
        expect(await a.revokeToken(t1.id, at(3))).toBe(false);
        expect((await a.findToken('d1'))!.token.revokedAt).toBe(at(2));
        // A removed user takes their sessions and tokens along.
        await a.createSession({
          idHash: 's',
          userId: bob.id,
          csrfToken: 'c',
          createdAt: T0,
          expiresAt: at(5),
        });
        expect(await a.removeUser('bob')).toBe(true);
        expect(await a.removeUser('bob')).toBe(false);
        expect(await a.findToken('d2')).toBeNull();
        expect(await a.getSession('s', at(1))).toBeNull();
      }));

    it('keeps the audit log newest first, in pages', () =>
      withStore(makeStore, async (store) => {
        const a = store.accounts;
        for (let i = 0; i < 5; i++)
          await a.audit({
            at: at(i),
            actor: 'cli:root',
            action: 'user.add',
            target: `u${i}`,
            detail: { role: 'reader', n: i },
          });
        const first = await a.listAudit({ limit: 2 });
        expect(first.total).toBe(5);
        expect(first.items.map((e) => e.target)).toEqual(['u4', 'u3']);
        expect(first.items[0]).toMatchObject({
          at: at(4),
          actor: 'cli:root',
          action: 'user.add',
          detail: { role: 'reader', n: 4 },
        });
        const next = await a.listAudit({ limit: 2, before: first.items[1]!.id });
        expect(next.items.map((e) => e.target)).toEqual(['u2', 'u1']);
      }));

    it('keeps saved searches per user, removes them only for their owner, and marks them seen', () =>
      withStore(makeStore, async (store) => {
        const ann = (await store.accounts.addUser(user('ann')))!;
        const bob = (await store.accounts.addUser(user('bob')))!;
        const w = store.watch;
        const saved = await w.addSavedSearch({
          userId: ann.id,
          name: 'Jang',
          query: '"Jang Song Thaek"',
          sort: 'newest',
          createdAt: T0,
        });
        expect(saved).toMatchObject({
          userId: ann.id,
          name: 'Jang',
          sort: 'newest',
          lastSeenAt: T0,
        });
        await w.addSavedSearch({
          userId: bob.id,
          name: 'b',
          query: 'x',
          sort: 'relevance',
          createdAt: T0,
        });
        expect((await w.listSavedSearches(ann.id)).map((s) => s.name)).toEqual(['Jang']);
        expect(await w.listSavedSearches()).toHaveLength(2);
        expect(await w.getSavedSearch(saved.id)).toEqual(saved);
        expect(await w.markSavedSearchSeen(saved.id, bob.id, at(1))).toBe(false);
        expect(await w.markSavedSearchSeen(saved.id, ann.id, at(1))).toBe(true);
        expect((await w.getSavedSearch(saved.id))!.lastSeenAt).toBe(at(1));
        expect(await w.removeSavedSearch(saved.id, bob.id)).toBeNull();
        expect(await w.removeSavedSearch(saved.id, ann.id)).toMatchObject({
          id: saved.id,
          name: 'Jang',
        });
        expect(await w.getSavedSearch(saved.id)).toBeNull();
        // A user removed takes their saved searches with them.
        await store.accounts.removeUser('bob');
        expect(await w.listSavedSearches()).toEqual([]);
      }));

    it('follows once per thing, marks follows seen, and opens feeds by a user’s token', () =>
      withStore(makeStore, async (store) => {
        const ann = (await store.accounts.addUser(user('ann')))!;
        const w = store.watch;
        const follow = {
          userId: ann.id,
          kind: 'person' as const,
          target: 'choe-ryong-hae',
          label: 'Choe Ryong Hae',
          createdAt: T0,
        };
        const first = await w.addFollow(follow);
        expect(first).toMatchObject({ kind: 'person', target: 'choe-ryong-hae', lastSeenAt: T0 });
        expect(await w.addFollow({ ...follow, label: 'again', createdAt: at(2) })).toEqual(first);
        await w.addFollow({ ...follow, kind: 'source', target: 'kcna-kp-en', label: 'KCNA' });
        expect((await w.listFollows(ann.id)).map((f) => f.kind)).toEqual(['person', 'source']);
        expect(await w.markFollowSeen(first.id, ann.id, at(3))).toBe(true);
        expect((await w.listFollows(ann.id))[0]!.lastSeenAt).toBe(at(3));
        expect(await w.removeFollow(first.id, ann.id + 1)).toBe(false);
        expect(await w.removeFollow(first.id, ann.id)).toBe(true);
        expect(await w.listFollows(ann.id)).toHaveLength(1);
        expect(await w.feedToken(ann.id)).toBeNull();
        await w.setFeedToken(ann.id, 'secret-1');
        await w.setFeedToken(ann.id, 'secret-2');
        expect(await w.feedToken(ann.id)).toBe('secret-2');
        expect(await w.userOfFeedToken('secret-1')).toBeNull();
        expect(await w.userOfFeedToken('secret-2')).toMatchObject({ name: 'ann', role: 'reader' });
      }));
  });
}
