/**
 * `/account/alerts`: where a signed-in user's alerts go (webhooks and email addresses, each sent at
 * once or as a digest), whether a channel is paused and why, and the log of deliveries with a replay
 * of each that failed. `wirewatch alerts` does the checking and sending.
 */
import type { Context } from 'hono';
import { addChannel } from '../../alerts/channels.js';
import { Problem } from '../../errors.js';
import type { AlertChannel, AlertDelivery, ArchiveStore } from '../../store/types.js';
import { CsrfField } from '../csrf.js';
import { shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { idParam, requireSignedIn } from '../signed-in.js';

type Now = () => Date;

function PostButton(props: { request: Request; action: string; label: string; hidden?: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField request={props.request} />
      <button type="submit">
        {props.label}
        {props.hidden ? <span class="visually-hidden"> {props.hidden}</span> : ''}
      </button>
    </form>
  );
}

function Channels(props: { request: Request; channels: AlertChannel[] }) {
  if (props.channels.length === 0) return <p class="meta">No channels yet.</p>;
  return (
    <table class="channels">
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Sent</th>
          <th scope="col">State</th>
          <th scope="col"></th>
        </tr>
      </thead>
      <tbody>
        {props.channels.map((ch) => (
          <tr>
            <td>
              {ch.kind} <code>{ch.target}</code>
              {ch.kind === 'webhook' ? (
                <p class="meta">
                  Signing secret: <code class="secret">{ch.secret}</code>
                </p>
              ) : (
                ''
              )}
            </td>
            <td>{ch.mode === 'digest' ? 'as a digest' : 'at once'}</td>
            <td>
              {ch.pausedAt ? (
                <>
                  <strong>paused</strong> {shortTime(ch.pausedAt)}: {ch.pauseReason}
                  <PostButton
                    request={props.request}
                    action={`/account/alerts/channels/${ch.id}/resume`}
                    label="Resume"
                    hidden={ch.target}
                  />
                </>
              ) : ch.failures ? (
                `${ch.failures} failed in a row`
              ) : (
                'working'
              )}
            </td>
            <td>
              <PostButton
                request={props.request}
                action={`/account/alerts/channels/${ch.id}/remove`}
                label="Remove"
                hidden={ch.target}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Deliveries(props: { request: Request; deliveries: AlertDelivery[] }) {
  if (props.deliveries.length === 0) return <p class="meta">Nothing sent yet.</p>;
  return (
    <table class="deliveries">
      <thead>
        <tr>
          <th scope="col">Queued</th>
          <th scope="col">Alert</th>
          <th scope="col">State</th>
          <th scope="col"></th>
        </tr>
      </thead>
      <tbody>
        {props.deliveries.map((d) => (
          <tr>
            <td>{shortTime(d.createdAt)}</td>
            <td>{d.subject}</td>
            <td>
              {d.status === 'delivered'
                ? `delivered ${shortTime(d.deliveredAt!)}`
                : d.status === 'failed'
                  ? `failed after ${d.attempts} attempts: ${d.lastError}`
                  : d.attempts
                    ? `retrying (${d.attempts} failed: ${d.lastError}); next ${shortTime(d.nextAttemptAt!)}`
                    : 'waiting to be sent'}
            </td>
            <td>
              {d.status === 'failed' ? (
                <PostButton
                  request={props.request}
                  action={`/account/alerts/deliveries/${d.id}/replay`}
                  label="Send again"
                  hidden={d.subject}
                />
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export async function alertsPage(c: Context, store: ArchiveStore): Promise<Response> {
  const user = requireSignedIn(c, 'manage alerts');
  const [channels, deliveries] = await Promise.all([
    store.alerts.listChannels(user.id),
    store.alerts.listDeliveries(user.id, 50),
  ]);
  return sendPage(
    c,
    <Layout title="Alerts" searchBox={true}>
      <h1>Alerts</h1>
      <p>
        What is new in your <a href="/account/watching">saved searches and follows</a> is sent to
        each channel below: a webhook receives JSON signed with its secret (HMAC-SHA256 in the{' '}
        <code>X-Wirewatch-Signature</code> header), an address receives mail.
      </p>
      <h2>Channels</h2>
      <Channels request={c.req.raw} channels={channels} />
      <h3>Add a channel</h3>
      <form method="post" action="/account/alerts/channels" class="channel-form">
        <CsrfField request={c.req.raw} />
        <p>
          <label for="channel-kind">Kind</label>{' '}
          <select id="channel-kind" name="kind">
            <option value="webhook">webhook</option>
            <option value="email">email</option>
          </select>
        </p>
        <p>
          <label for="channel-target">URL or address</label>{' '}
          <input id="channel-target" name="target" required maxlength={2000} />
        </p>
        <p>
          <label for="channel-mode">Send</label>{' '}
          <select id="channel-mode" name="mode">
            <option value="immediate">each alert at once</option>
            <option value="digest">one digest per check</option>
          </select>
        </p>
        <button type="submit">Add the channel</button>
      </form>
      <h2>Deliveries</h2>
      <Deliveries request={c.req.raw} deliveries={deliveries} />
    </Layout>,
  );
}

export async function alertsPost(
  c: Context,
  store: ArchiveStore,
  now: Now,
  action: 'add' | 'remove' | 'resume' | 'replay',
): Promise<Response> {
  const user = requireSignedIn(c, 'manage alerts');
  const form = await c.req.parseBody();
  const field = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
  let done = true;
  if (action === 'add')
    await addChannel(
      store,
      user,
      { kind: field('kind'), target: field('target'), mode: field('mode') },
      now(),
    );
  else if (action === 'remove') done = await store.alerts.removeChannel(idParam(c), user.id);
  else if (action === 'resume') done = await store.alerts.resumeChannel(idParam(c), user.id);
  else done = await store.alerts.replay(idParam(c), user.id, now().toISOString());
  if (!done) throw new Problem(404, 'not_found', 'you have no such channel or failed delivery');
  return c.redirect('/account/alerts', 303);
}
