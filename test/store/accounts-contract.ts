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
  });
}
