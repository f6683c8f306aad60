/**
 * The archive's change token as one request saw it. The access check and the page cache both ask; the
 * store is asked once per request (a read transaction on SQLite, a round trip on PostgreSQL).
 */
import type { ArchiveStore } from '../store/types.js';

const seen = new WeakMap<Request, Promise<string>>();

export function changeTokenOf(store: ArchiveStore, request: Request): Promise<string> {
  let token = seen.get(request);
  if (!token) {
    token = store.changeToken();
    seen.set(request, token);
  }
  return token;
}
