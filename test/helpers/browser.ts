/**
 * Browser tests drive Debian's Chromium with playwright-core (never `playwright install`).
 * `withPage` screenshots a failing scenario into an artifacts folder and prints where.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(tmpdir(), 'wirewatch-artifacts');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Page-level problems worth failing on: script errors, CSP violations, dialogs (an alert() payload). */
export interface PageWatch {
  errors: string[];
  dialogs: string[];
  csp: string[];
}

/** Runs `fn` on a fresh page; on failure saves a full-page screenshot and prints its path. */
export async function withPage(
  browser: Browser,
  name: string,
  fn: (page: Page, watch: PageWatch) => Promise<void>,
  options: BrowserContextOptions = {},
): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const page = await context.newPage();
  const watch: PageWatch = { errors: [], dialogs: [], csp: [] };
  page.on('pageerror', (e) => watch.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) watch.csp.push(m.text());
  });
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await fn(page, watch);
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${name.replace(/[^a-z0-9]+/gi, '-')}-${Date.now()}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true });
      process.stderr.write(`screenshot of the failing page: ${file}\n`);
    } catch (shotError) {
      process.stderr.write(`could not save a screenshot: ${(shotError as Error).message}\n`);
    }
    throw error;
  } finally {
    await context.close();
  }
}
