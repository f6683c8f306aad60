/** The hidden field every form of a signed-in user carries (server/access.ts checks it). */
import { principalOf } from '../accounts/principal.js';

export function csrfTokenOf(request: Request): string | null {
  const p = principalOf(request);
  return p.kind === 'session' ? p.session.csrfToken : null;
}

export function CsrfField(props: { request: Request }) {
  const token = csrfTokenOf(props.request);
  return token ? <input type="hidden" name="_csrf" value={token} /> : '';
}
