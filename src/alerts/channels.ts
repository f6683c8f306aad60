/** A user's alert channels: a webhook (its URL, and a secret to sign with) or an email address. */
import { newSecret } from '../accounts/secrets.js';
import { Problem } from '../errors.js';
import {
  CHANNEL_KINDS,
  CHANNEL_MODES,
  type AlertChannel,
  type ArchiveStore,
  type ChannelKind,
  type ChannelMode,
  type User,
} from '../store/types.js';

export const MAX_CHANNELS = 10;
/** Plain enough to catch a typo; the mail server has the last word. */
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,253}\.[^\s@<>".]{2,}$/;

function checkTarget(kind: ChannelKind, target: string): string {
  if (kind === 'email') {
    if (!EMAIL.test(target))
      throw new Problem(400, 'bad_request', `not an email address: "${target}"`);
    return target;
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Problem(400, 'bad_request', `not a URL: "${target}"`);
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password)
    throw new Problem(
      400,
      'bad_request',
      'a webhook is an http(s) URL without a user name or password',
    );
  return url.href;
}

export async function addChannel(
  store: ArchiveStore,
  user: User,
  input: { kind: string; target: string; mode?: string },
  now = new Date(),
): Promise<AlertChannel> {
  const kind = input.kind as ChannelKind;
  if (!CHANNEL_KINDS.includes(kind))
    throw new Problem(
      400,
      'bad_request',
      `a channel is ${CHANNEL_KINDS.join(' or ')}, not "${input.kind}"`,
    );
  const mode = (input.mode ?? 'immediate') as ChannelMode;
  if (!CHANNEL_MODES.includes(mode))
    throw new Problem(
      400,
      'bad_request',
      `mode is ${CHANNEL_MODES.join(' or ')}, not "${input.mode}"`,
    );
  const target = checkTarget(kind, input.target.trim());
  if ((await store.alerts.listChannels(user.id)).length >= MAX_CHANNELS)
    throw new Problem(409, 'conflict', `at most ${MAX_CHANNELS} alert channels per user`);
  return store.alerts.addChannel({
    userId: user.id,
    kind,
    target,
    secret: kind === 'webhook' ? newSecret() : '',
    mode,
    createdAt: now.toISOString(),
  });
}
