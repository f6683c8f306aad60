/**
 * Versioned asset URLs: `/assets/site.css?v=<first 12 hex of its SHA-256>`. A URL names one content,
 * so it may be cached for a year without asking again (`immutable`); a new build changes the URL.
 * The files are read once, when first asked for (they are a few kilobytes, shipped with the package).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

const versions = new Map<string, string | null>();

/** The content version of a file of public/, or null when there is no such file. */
export function assetVersion(name: string): string | null {
  if (!versions.has(name)) {
    let version: string | null = null;
    try {
      const bytes = readFileSync(`${PUBLIC_DIR}${name}`);
      version = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    } catch {
      version = null;
    }
    versions.set(name, version);
  }
  return versions.get(name)!;
}

/** The URL pages link to: versioned when the file exists. */
export function assetHref(name: string): string {
  const version = assetVersion(name);
  return version ? `/assets/${name}?v=${version}` : `/assets/${name}`;
}
