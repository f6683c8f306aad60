/**
 * People's part of the storage contract: both engines must derive, keep and read back the same
 * people from the same versions — through the real reconciler and the real driver, with a second
 * version that drops a name the way KCNA's July 2012 edits dropped Ri Yong Ho.
 */
import { describe, expect, it } from 'vitest';
import { drain } from '../../src/pipeline/driver.js';
import { searchArchive } from '../../src/search/search.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { articleWithVersions } from '../helpers/versions.js';
import { tempDir } from '../helpers/tmp.js';

/** KCNA, 2012-01-18 (../shared/corpus, "Kim Jong Un Inspects KPA Unit 169"), shortened. */
const V1 = [
  "Kim Jong Un, supreme leader of the Workers' Party of Korea, inspected KPA Unit 169.",
  'He was accompanied by KPA Vice Marshal Ri Yong Ho, chief of the KPA General Staff, KPA ' +
    'Generals Kim Myong Guk, Kim Won Hong and Pak Jae Gyong and KPA Lieut. Gen. Ri Tu Song.',
].join('\n');
/** The same story as it might be edited after a purge: his name gone from the list. */
const V2 = V1.replace('KPA Vice Marshal Ri Yong Ho, chief of the KPA General Staff, ', '');

const record = {
  source: 'KCNA (kcna.co.jp)',
  language: 'en',
  published: '2012-01-18',
  title: 'Kim Jong Un Inspects KPA Unit 169',
  url: 'http://www.kcna.co.jp/item/2012/201201/news18/20120118-06ee.html',
};

const search = async (store: ArchiveStore, query: string) =>
  (await searchArchive(store, { query, sort: 'newest' })).total;

export function peopleContract(engine: string, makeStore: () => Promise<ArchiveStore>): void {
  describe(`people contract (${engine})`, () => {
    it('derives each version, keeps the companions in order and records a name removed', async () => {
      const store = await makeStore();
      const dir = tempDir();
      try {
        const id = await articleWithVersions(store, dir.path, record, [V1, V2]);
        await drain(store);
        expect(await store.people.pendingCount()).toBe(0);

        const current = await store.people.articlePeople(id);
        expect(current.activities).toHaveLength(1);
        expect(current.activities[0]).toMatchObject({ leaderId: 'kim-jong-un', kind: 'military' });
        expect(current.activities[0]!.companions.map((p) => p.personId)).toEqual([
          'kim-myong-guk',
          'kim-won-hong',
          'pak-jae-gyong',
          'ri-tu-song',
        ]);
        const first = await store.people.articlePeople(id, 1);
        expect(first.activities[0]!.companions[0]).toEqual({
          personId: 'ri-yong-ho-military',
          name: 'Ri Yong Ho [military]',
        });
        expect(first.mentions.find((m) => m.personId === 'ri-yong-ho-military')?.titles).toEqual([
          'KPA Vice Marshal',
          'chief of the KPA General Staff',
        ]);

        const removed = await store.people.removals({ personId: 'ri-yong-ho-military' });
        expect(removed.total).toBe(1);
        expect(removed.items[0]).toMatchObject({
          articleId: id,
          seq: 2,
          name: 'Ri Yong Ho [military]',
        });

        const [kim] = (await store.people.listPeople({ ids: ['kim-won-hong'] })).items;
        expect(kim).toMatchObject({
          articles: 1,
          mentions: 1,
          appearances: 1,
          lastSeen: '2012-01-18',
        });
        const everyone = await store.people.listPeople({ order: 'appearances' });
        expect(everyone.items[0]!.personId).toBe('kim-jong-un');
        expect(everyone.total).toBe(5);

        const [activity] = await store.people.activitiesOf('pak-jae-gyong');
        expect(activity!.leader).toBe('Kim Jong Un');
        expect((await store.people.mentionsOf('kim-myong-guk'))[0]!.titles).toEqual([
          'KPA Generals',
        ]);
        expect(await store.people.mentionsOf('ri-yong-ho-military')).toEqual([]);
        const ranks = await store.people.companionRanks();
        expect(ranks.find((r) => r.personId === 'ri-tu-song')).toMatchObject({ rank: 4, of: 4 });

        expect(await search(store, 'person:"Kim Won Hong"')).toBe(1);
        expect(await search(store, 'person:"Pak Jae-gyong"')).toBe(1);
        expect(await search(store, 'person:"Ri Yong Ho"')).toBe(0);
        expect(await search(store, 'person:"Ri Yong Ho" version:any')).toBe(1);
        expect(await search(store, 'with:"Kim Jong Un" inspected')).toBe(1);
        expect(await search(store, 'with:"Kim Won Hong"')).toBe(1);
        expect(await search(store, '-person:"Kim Won Hong"')).toBe(0);
      } finally {
        dir.cleanup();
        await store.close();
      }
    });

    it('derives again what it derived, once, after the gazetteer changed', async () => {
      const store = await makeStore();
      const dir = tempDir();
      try {
        const id = await articleWithVersions(store, dir.path, record, [V1, V2]);
        await drain(store);
        const before = await store.people.articlePeople(id, 1);
        expect(await store.people.requeueAll()).toBe(2);
        expect(await store.people.pendingCount()).toBe(2);
        await drain(store);
        expect(await store.people.pendingCount()).toBe(0);
        expect(await store.people.articlePeople(id, 1)).toEqual(before);
        expect((await store.people.removals({})).total).toBe(1);
      } finally {
        dir.cleanup();
        await store.close();
      }
    });
  });
}
