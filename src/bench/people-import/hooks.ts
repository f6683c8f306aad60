/** Module hooks of the "without people" runs: the analysis module resolves to stub.ts instead. */
interface Resolved {
  url: string;
}
type Next = (specifier: string, context: unknown) => Promise<Resolved>;

const STUB = new URL('./stub.js', import.meta.url).href;

export async function resolve(specifier: string, context: unknown, next: Next): Promise<Resolved> {
  const resolved = await next(specifier, context);
  return resolved.url.endsWith('/analyse/version-people.js')
    ? { ...resolved, url: STUB }
    : resolved;
}
