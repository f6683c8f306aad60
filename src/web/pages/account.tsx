/**
 * `/account`: who is signed in, their API tokens (made here and shown once, revoked here), and signing
 * out. Anonymous visitors are sent to sign in; on an archive with no users there is nothing to show.
 */
import type { Context } from 'hono';
import { actorOf, principalOf } from '../../accounts/principal.js';
import { parseScopes, scopesOfRole } from '../../accounts/roles.js';
import { makeToken, parseExpiry, revokeToken, type MadeToken } from '../../accounts/tokens.js';
import type { ApiToken, ArchiveStore, User } from '../../store/types.js';
import { CsrfField } from '../csrf.js';
import { shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { idParam, requireSignedIn, signedInUser } from '../signed-in.js';

const EXPIRIES = [
  ['30d', '30 days'],
  ['90d', '90 days'],
  ['365d', 'a year'],
  ['never', 'never'],
] as const;

function tokenState(t: ApiToken, now: string): string {
  if (t.revokedAt) return `revoked ${shortTime(t.revokedAt)}`;
  if (t.expiresAt && t.expiresAt <= now) return `expired ${shortTime(t.expiresAt)}`;
  return t.expiresAt ? `live until ${shortTime(t.expiresAt)}` : 'live, never expires';
}

function AccountView(props: {
  request: Request;
  user: User;
  tokens: ApiToken[];
  now: string;
  made?: MadeToken;
}) {
  const { user } = props;
  return (
    <Layout title="Your account" searchBox={false}>
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{user.name}</strong> ({user.role}).
      </p>
      <p>
        <a href="/account/watching">Watching</a>: your saved searches and follows, what is new in
        them, and their private feeds. <a href="/account/alerts">Alerts</a>: where their news is
        sent.
      </p>
      <form method="post" action="/logout">
        <CsrfField request={props.request} />
        <button type="submit">Sign out</button>
      </form>
      {props.made && (
        <section class="new-token" aria-labelledby="new-token-title">
          <h2 id="new-token-title">Your new token</h2>
          <p>Copy it now: it is not kept and will not be shown again.</p>
          <p>
            <code class="secret">{props.made.secret}</code>
          </p>
          <p class="meta">
            Send it as <code>Authorization: Bearer …</code> with each API request.
          </p>
        </section>
      )}
      <h2>API tokens</h2>
      {props.tokens.length === 0 ? (
        <p class="meta">No tokens yet.</p>
      ) : (
        <table class="tokens">
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">Scopes</th>
              <th scope="col">Made</th>
              <th scope="col">State</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((t) => (
              <tr>
                <td>{t.label}</td>
                <td>{t.scopes.join(', ')}</td>
                <td>{shortTime(t.createdAt)}</td>
                <td>{tokenState(t, props.now)}</td>
                <td>
                  {!t.revokedAt && (
                    <form method="post" action={`/account/tokens/${t.id}/revoke`}>
                      <CsrfField request={props.request} />
                      <button type="submit">Revoke</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Make a token</h3>
      <form method="post" action="/account/tokens" class="token-form">
        <CsrfField request={props.request} />
        <p>
          <label for="token-label">What it is for</label>
          <input id="token-label" name="label" required maxlength={100} />
        </p>
        <fieldset>
          <legend>Scopes</legend>
          {scopesOfRole(user.role).map((s) => (
            <label>
              <input type="checkbox" name="scopes" value={s} checked={s === 'read'} /> {s}
            </label>
          ))}
        </fieldset>
        <p>
          <label for="token-expires">Expires after</label>
          <select id="token-expires" name="expires">
            {EXPIRIES.map(([value, text]) => (
              <option value={value}>{text}</option>
            ))}
          </select>
        </p>
        <button type="submit">Make the token</button>
      </form>
    </Layout>
  );
}

async function show(c: Context, store: ArchiveStore, user: User, now: Date, made?: MadeToken) {
  const tokens = await store.accounts.listTokens(user.id);
  return sendPage(
    c,
    <AccountView
      request={c.req.raw}
      user={user}
      tokens={tokens}
      now={now.toISOString()}
      made={made}
    />,
  );
}

export async function accountPage(c: Context, store: ArchiveStore, now: () => Date) {
  const user = signedInUser(c);
  if (user) return show(c, store, user, now());
  if (principalOf(c.req.raw).scopes.includes('admin'))
    return sendPage(
      c,
      <Layout title="No accounts" searchBox={false}>
        <h1>No accounts</h1>
        <p>
          This archive has no users: served on this machine only, anyone who reaches it may read and
          start sweeps. Add the first admin with <code>wirewatch users add NAME --role admin</code>;
          from then on readers sign in.
        </p>
      </Layout>,
    );
  return c.redirect('/login?next=%2Faccount', 303);
}

function formStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

export async function accountMakeToken(c: Context, store: ArchiveStore, now: () => Date) {
  const user = requireSignedIn(c, 'make a token');
  const form = await c.req.parseBody({ all: true });
  const at = now();
  const made = await makeToken(
    store,
    actorOf(principalOf(c.req.raw)),
    user,
    {
      label: formStrings(form['label'])[0] ?? '',
      scopes: parseScopes(formStrings(form['scopes']).join(',')),
      expiresAt: parseExpiry(formStrings(form['expires'])[0] ?? '30d', at),
    },
    at,
  );
  return show(c, store, user, at, made);
}

export async function accountRevokeToken(c: Context, store: ArchiveStore, now: () => Date) {
  const user = requireSignedIn(c, 'revoke a token');
  const id = idParam(c, 'token');
  await revokeToken(store, user.name, id, { ownerId: user.id, now: now() });
  return c.redirect('/account', 303);
}
