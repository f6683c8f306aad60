/** Host names as the server compares them (pure: the config validates `--allowed-hosts` with it too). */

/** Names a server on this machine is reached by, whatever address it is bound to. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];

/** Whether a server bound to this address can be reached from this machine only. */
export function isLoopbackAddress(host: string): boolean {
  const name = normalHost(host);
  return name !== null && (LOOPBACK_HOSTS.includes(name) || /^127\.\d+\.\d+\.\d+$/.test(name));
}

/** `*` on the list answers for any host (behind a proxy that checks it; give a base URL then). */
export const ANY_HOST = '*';

/** A host as compared: lower case, no port, no brackets, no trailing dot; null when malformed. */
export function normalHost(host: string): string | null {
  let text = host.trim();
  if (text === ANY_HOST) return ANY_HOST;
  // A bare IPv6 address (an allow-list entry such as `::1`) is bracketed as in a Host header.
  if (!text.startsWith('[') && text.split(':').length > 2) text = `[${text}]`;
  let parsed: URL;
  try {
    parsed = new URL(`http://${text}/`);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password || parsed.pathname !== '/') return null;
  return parsed.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '') || null;
}
