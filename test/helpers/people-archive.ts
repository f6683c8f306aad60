/**
 * An archive for the people API: the first 400 corpus stories (December 2011), the seed page (a text
 * of unknown year: no sighting of anyone) and one story of 2012-01-18 (the archive's end, five weeks
 * after the rest) through the real import, then two of the stories edited through the reconciler (as
 * a crawler's re-fetch of the same URL would be):
 *
 * - "Kim Jong Il Commands Flying Exercises of KPA Air Force Unit" (2011-12-03) loses Jang Song
 *   Thaek from the companions, the way the 2013 purge edited the archive;
 * - "Algerian President Reinforces Anti-corruption Agency" loses Abdelaziz Bouteflika, the only
 *   text that named him: a person known now by the removal alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../src/server/app.js';
import { CORPUS_SLICE, freshArchive, SEED } from './archive.js';
import { articleWithVersions } from './versions.js';

export const FLYING = 'Kim Jong Il Commands Flying Exercises of KPA Air Force Unit';
/** As the corpus prints it, paragraph break included. */
export const JANG =
  'Jang Song Thaek, alternate member of the Political Bureau of the C.C.\n\n' +
  'WPK and vice-chairman of the NDC, ';
type Corpus = Record<string, string> & { source: string; language: string; body: string };

/** KCNA, 2012-01-18 (the corpus's "Kim Jong Un Inspects KPA Unit 169"), shortened. */
export const UNIT_169 = {
  source: 'KCNA (kcna.co.jp)',
  language: 'en',
  published: '2012-01-18',
  title: 'Kim Jong Un Inspects KPA Unit 169',
  body:
    "Kim Jong Un, supreme leader of the Workers' Party of Korea, inspected KPA Unit 169.\n\n" +
    'He was accompanied by KPA Vice Marshal Ri Yong Ho, chief of the KPA General Staff, KPA ' +
    'Generals Kim Myong Guk, Kim Won Hong and Pak Jae Gyong and KPA Lieut. Gen. Ri Tu Song.',
};

export const REMOVED_AT = '2026-11-21T00:00:00.000Z';

export async function peopleArchive(dir: string) {
  const a = freshArchive(dir);
  const later = join(dir, 'kcna-2012-01-18.jsonl');
  writeFileSync(later, `${JSON.stringify(UNIT_169)}\n`);
  await a.import([CORPUS_SLICE, SEED, later]);
  const records = readFileSync(CORPUS_SLICE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Corpus);
  const edit = async (title: string, from: string, to: string) => {
    const record = records.find((r) => r.title === title && r.body.includes(from))!;
    return articleWithVersions(a.store, dir, record, [record.body, record.body.replace(from, to)]);
  };
  const flying = await edit(FLYING, JANG, '');
  const algeria = await edit(
    'Algerian President Reinforces Anti-corruption Agency',
    'Algerian President Abdelaziz Bouteflika',
    'The Algerian President',
  );
  const app = createApp({ store: a.store, publicUrl: 'http://wirewatch.test' });
  return { ...a, app, flying, algeria };
}
