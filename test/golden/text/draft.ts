/**
 * Writes a DRAFT expected.json for golden cases that lack one (or all, with --force). A draft is only
 * a starting point: every expected.json is then read against its input and corrected by hand.
 * Run: npx tsc -p tsconfig.json --outDir /tmp/ww-draft && node /tmp/ww-draft/test/golden/text/draft.js [--force] [case…]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractTextPage } from '../../../src/extract/text-page.js';
import { loadContext } from './context.js';

// Run from the repository root, also when compiled elsewhere.
const root = join(process.cwd(), 'test', 'golden', 'text');
const force = process.argv.includes('--force');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
for (const name of readdirSync(root).sort()) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(join(root, name, 'input.txt'))) continue;
  const dir = join(root, name);
  const out = join(dir, 'expected.json');
  if (existsSync(out) && !force) continue;
  const input = readFileSync(join(dir, 'input.txt'), 'utf8');
  const result = extractTextPage(input, loadContext(dir));
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`draft written: ${name}`);
}
