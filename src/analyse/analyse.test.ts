/**
 * People read from real KCNA English copy (2011–2012 corpus, ../shared/corpus): names, not names,
 * titles as printed, activities and who was with the leader, in order.
 */
import { describe, expect, it } from 'vitest';
import { analysePeople } from './analyse.js';
import { defaultResolver } from './resolver.js';

const run = (title: string | null, body: string, date = '2012-03-01') =>
  analysePeople({ title, paragraphs: body.split('\n\n'), date }, defaultResolver());
const ids = (a: ReturnType<typeof run>) => [...new Set(a.mentions.map((m) => m.personId))];

describe('persons', () => {
  it('finds KCNA-romanised and foreign names, and one identity per spelling variant', () => {
    const a = run(
      null,
      'General Secretary Kim Jong Il on Thursday sent a congratulatory message to Choummaly ' +
        "Sayasone, general secretary of the Central Committee of the Lao People's Revolutionary " +
        'Party. Raul Castro Ruz, first secretary of the Central Committee of the Communist Party of ' +
        'Cuba, was met by Choe Ryong Hae and Jang Song Thaek.',
    );
    expect(ids(a)).toEqual([
      'kim-jong-il',
      'choummaly-sayasone',
      'raul-castro-ruz',
      'choe-ryong-hae',
      'jang-song-thaek',
    ]);
  });

  it('does not take names inside places, organisations or works for persons', () => {
    const a = run(
      null,
      'A rally was held at Kim Il Sung Square. Students of Kim Chaek University of Technology ' +
        'and the Kim Il Sung Socialist Youth League laid Kimilsungia before the statue. KPA Air ' +
        'Force Unit 378 is honored with the title of O Jung Hup-led 7th Regiment.',
    );
    expect(ids(a)).toEqual([]);
  });

  it('reads a name followed by a weekday, and a headline in title case', () => {
    const a = run(
      'Kim Jong Un Inspects KPA Unit 169',
      'DPRK Premier Choe Yong Rim Wednesday sent a congratulatory message to Emmanuel Djelassern ' +
        'Nadingar upon his reappointment as prime minister of Chad.',
    );
    expect(ids(a)).toEqual(['kim-jong-un', 'choe-yong-rim', 'emmanuel-djelassern-nadingar']);
  });

  it('tells the two Ri Yong Ho apart by the title printed beside the name', () => {
    const military = run(null, 'Ri Yong Ho, chief of the General Staff of the KPA, spoke.');
    const diplomat = run(
      null,
      'Ri Yong Ho, vice-minister of Foreign Affairs, left for the six-party talks.',
      '2011-07-20',
    );
    expect(ids(military)).toEqual(['ri-yong-ho-military']);
    expect(ids(diplomat)).toEqual(['ri-yong-ho-diplomat']);
    expect(military.mentions[0]!.name).toBe('Ri Yong Ho [military]');
  });
});

describe('titles', () => {
  it('splits several titles of one name and shares a plural one across a list', () => {
    const a = run(
      null,
      'Accompanying him were KPA Vice Marshal Ri Yong Ho, member of the Presidium of the ' +
        'Political Bureau of the C.C.\n\nWPK and chief of the KPA General Staff, KPA Generals ' +
        'Kim Won Hong, Pak Jae Gyong and Hyon Chol Hae and staff members of the KPA Supreme Command.',
    );
    const titles = Object.fromEntries(a.mentions.map((m) => [m.personId, m.titles]));
    expect(titles['ri-yong-ho-military']).toEqual([
      'KPA Vice Marshal',
      'member of the Presidium of the Political Bureau of the C.C. WPK',
      'chief of the KPA General Staff',
    ]);
    expect(titles['kim-won-hong']).toEqual(['KPA Generals']);
    expect(titles['hyon-chol-hae']).toEqual(['KPA Generals']);
  });

  it("keeps a leader's epithets before his name out of his titles, not his offices after it", () => {
    const a = run(
      null,
      "Supreme Commander of the Korean People's Army Kim Jong Il, general secretary of the " +
        "Workers' Party of Korea, enjoyed a performance.",
    );
    expect(a.mentions[0]!.titles).toEqual(["general secretary of the Workers' Party of Korea"]);
  });
});

describe('activities', () => {
  const story =
    "Supreme Commander of the Korean People's Army Kim Jong Il, general secretary of the " +
    "Workers' Party of Korea, commanded the flying exercises of KPA Air Force Unit 378.\n\n" +
    'He was greeted on the spot by KPA General Ri Pyong Chol, commander of the Air Force, and ' +
    'commanding officers of the unit.\n\nHe met with the pilots involved in the training.\n\n' +
    'Accompanying him were Kim Jong Un, vice-chairman of the WPK Central Military Commission, ' +
    'KPA Vice Marshal Ri Yong Ho, Jang Song Thaek, alternate member of the Political Bureau of ' +
    'the C.C.\n\nWPK, KPA Generals Kim Won Hong, Pak Jae Gyong and Hyon Chol Hae and staff ' +
    'members of the KPA Supreme Command.';

  it('reads the activity, its companions in printed order and the hosts apart', () => {
    const [activity, more] = run(
      'Kim Jong Il Commands Flying Exercises',
      story,
      '2011-12-03',
    ).activities;
    expect(more).toBeUndefined();
    expect(activity).toMatchObject({ leaderId: 'kim-jong-il', kind: 'military', flash: false });
    expect(activity!.companions.map((p) => p.id)).toEqual([
      'kim-jong-un',
      'ri-yong-ho-military',
      'jang-song-thaek',
      'kim-won-hong',
      'pak-jae-gyong',
      'hyon-chol-hae',
    ]);
    expect(activity!.greeters.map((p) => p.id)).toEqual(['ri-pyong-chol']);
  });

  it('marks a flash, which carries the headline only', () => {
    const [flash] = run(
      'Kim Jong Il Enjoys Demonstration Figure Skating Performance (Urgent)',
      "Kim Jong Il, general secretary of the Workers' Party of Korea, enjoyed a demonstration " +
        'figure skating performance.',
    ).activities;
    expect(flash).toMatchObject({ kind: 'performance', flash: true, companions: [] });
  });

  it('counts no message, letter or card as an activity in person', () => {
    const a = run(
      'Kim Jong Un Receives New Year Cards',
      'Kim Jong Un received New Year cards from foreign political party and state leaders.',
    );
    expect(a.activities).toEqual([]);
  });

  it('reads his wife beside him and the spectators after her', () => {
    const [a] = run(
      'Kim Jong Un Watches Volleyball Match',
      'The dear respected Marshal Kim Jong Un, together with his wife Ri Sol Ju, watched a ' +
        "women's volleyball match.\n\nAmong the spectators were senior officials Choe Ryong Hae " +
        'and Hyon Yong Chol.',
    ).activities;
    expect(a!.companions.map((p) => p.id)).toEqual([
      'ri-sol-ju',
      'choe-ryong-hae',
      'hyon-yong-chol',
    ]);
  });
});

describe('hostile input', () => {
  it('stays bounded on a page of nothing but names', () => {
    const body = Array.from({ length: 5000 }, () => 'Kim Jong Un, Choe Ryong Hae').join(', ');
    const started = performance.now();
    const a = run('x', body);
    expect(a.mentions.length).toBeLessThanOrEqual(2000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
