/**
 * The settings every connection of a PostgreSQL archive starts with (store/postgres/session.ts): no
 * JIT, the archive's schema, and whatever the URL's own `options` asked for, on the real server.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionConfig } from '../../src/store/postgres/session.js';
import { dropAll, freshSchema, PG_URL, requirePostgres } from '../helpers/pg.js';

beforeAll(requirePostgres);
afterAll(dropAll);

/** What a connection made from `config` reports of each setting. */
async function settingsOf(config: pg.ClientConfig, names: string[]): Promise<string[]> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    const values: string[] = [];
    for (const name of names) values.push((await client.query(`SHOW ${name}`)).rows[0][name]);
    return values;
  } finally {
    await client.end();
  }
}

describe('sessionConfig', () => {
  it('leaves a URL without options as it is, and starts without JIT', () => {
    expect(sessionConfig(PG_URL)).toEqual({ connectionString: PG_URL, options: '-c jit=off' });
    expect(sessionConfig(PG_URL, 'ww_x').options).toBe('-c jit=off -c search_path=ww_x');
  });

  it('takes the URL’s own options out of it and keeps them, last, so that they win', () => {
    const url = new URL(PG_URL);
    url.searchParams.set('options', '-c statement_timeout=1234');
    const config = sessionConfig(url.toString());
    expect(config.connectionString).not.toContain('options');
    expect(config.options).toBe('-c jit=off -c statement_timeout=1234');
  });

  it('gives a connection of the real server no JIT, the schema, and the URL’s options', async () => {
    const schema = freshSchema('session');
    const url = new URL(PG_URL);
    url.searchParams.set('options', '-c statement_timeout=1234');
    expect(
      await settingsOf(sessionConfig(url.toString(), schema), [
        'jit',
        'search_path',
        'statement_timeout',
      ]),
    ).toEqual(['off', schema, '1234ms']);
    // A URL that asks for JIT gets it: the settings really reach the server, in this order.
    url.searchParams.set('options', '-c jit=on');
    expect(await settingsOf(sessionConfig(url.toString()), ['jit'])).toEqual(['on']);
  });
});
