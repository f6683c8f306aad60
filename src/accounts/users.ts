/**
 * Managing users (`wirewatch users`, the admin pages): every change is written to the audit log with
 * who made it. A user cannot be left without an admin once there was one.
 */
import { Problem } from '../errors.js';
import type { ArchiveStore, Role, User } from '../store/types.js';
import { hashPassword } from './passwords.js';

/** Letters, digits and `. _ @ -`, 1–64 of them: safe in a terminal, a URL and a log line. */
const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

export function checkUserName(name: string): void {
  if (!NAME.test(name))
    throw new Problem(
      400,
      'bad_request',
      'a user name is 1–64 letters, digits, dots, dashes, underscores or @',
    );
}

export async function addUser(
  store: ArchiveStore,
  actor: string,
  input: { name: string; role: Role; password: string },
  now = new Date(),
): Promise<User> {
  checkUserName(input.name);
  const at = now.toISOString();
  const passwordHash = await hashPassword(input.password);
  const user = await store.accounts.addUser({
    name: input.name,
    role: input.role,
    passwordHash,
    at,
  });
  if (!user) throw new Problem(409, 'conflict', `there is already a user "${input.name}"`);
  await store.accounts.audit({
    at,
    actor,
    action: 'user.add',
    target: user.name,
    detail: { role: user.role },
  });
  return user;
}

async function mustExist(store: ArchiveStore, name: string): Promise<User> {
  const user = await store.accounts.getUserByName(name);
  if (!user) throw new Problem(404, 'not_found', `no user "${name}"`);
  return user;
}

/** The last admin cannot go (nor stop being admin): no one could manage the archive after. */
async function keepAnAdmin(store: ArchiveStore, user: User, what: string): Promise<void> {
  if (user.role === 'admin' && (await store.accounts.countUsers('admin')) === 1)
    throw new Problem(400, 'bad_request', `"${user.name}" is the only admin: ${what}`);
}

export async function removeUser(
  store: ArchiveStore,
  actor: string,
  name: string,
  now = new Date(),
): Promise<void> {
  const user = await mustExist(store, name);
  await keepAnAdmin(store, user, 'add another admin before removing them');
  await store.accounts.removeUser(name);
  await store.accounts.audit({
    at: now.toISOString(),
    actor,
    action: 'user.remove',
    target: name,
    detail: { role: user.role },
  });
}

/** A new password, a new role, or both; either ends the user's sessions. */
export async function changeUser(
  store: ArchiveStore,
  actor: string,
  name: string,
  change: { password?: string; role?: Role },
  now = new Date(),
): Promise<void> {
  const user = await mustExist(store, name);
  if (change.role && change.role !== 'admin')
    await keepAnAdmin(store, user, 'make another user admin first');
  const at = now.toISOString();
  const passwordHash =
    change.password === undefined ? undefined : await hashPassword(change.password);
  await store.accounts.updateUser(name, { passwordHash, role: change.role, at });
  if (passwordHash)
    await store.accounts.audit({ at, actor, action: 'user.passwd', target: name, detail: {} });
  if (change.role && change.role !== user.role)
    await store.accounts.audit({
      at,
      actor,
      action: 'user.role',
      target: name,
      detail: { from: user.role, to: change.role },
    });
}
