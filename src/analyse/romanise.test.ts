import { describe, expect, it } from 'vitest';
import {
  isKcnaShaped,
  nameVariants,
  normaliseNameKey,
  romaniseName,
  romaniseNameForms,
} from './romanise.js';

// Real pairs. KCNA spelling: as printed in the English stories of
// /work/shared/corpus/kcna-stories-2011-2012.jsonl.gz, with the number of stories that print it;
// "later" marks a name first printed by KCNA after 2012 (spelling from later KCNA copy, not in the
// corpus). Hangul: the person's name as the DPRK writes it, from general knowledge; only names
// whose hangul is well attested are used.
const PAIRS: readonly [string, string, string][] = [
  ['최룡해', 'Choe Ryong Hae', '326'],
  ['장성택', 'Jang Song Thaek', '302'],
  ['박도춘', 'Pak To Chun', '175'],
  ['김기남', 'Kim Ki Nam', '365'],
  ['황병서', 'Hwang Pyong So', '28'],
  ['박태성', 'Pak Thae Song', '7'],
  ['김영남', 'Kim Yong Nam', '1097'],
  ['리영호', 'Ri Yong Ho', '216, the general'],
  ['리용호', 'Ri Yong Ho', '216, the diplomat'],
  ['현영철', 'Hyon Yong Chol', '40'],
  ['김정은', 'Kim Jong Un', '6916'],
  ['김정일', 'Kim Jong Il', '16546'],
  ['김일성', 'Kim Il Sung', '9951, a fixed exception'],
  ['박봉주', 'Pak Pong Ju', '34'],
  ['최태복', 'Choe Thae Bok', '290'],
  ['김여정', 'Kim Yo Jong', 'later'],
  ['리설주', 'Ri Sol Ju', '17'],
  ['김경희', 'Kim Kyong Hui', '174'],
  ['리수용', 'Ri Su Yong', '12'],
  ['최부일', 'Choe Pu Il', '20'],
  ['오극렬', 'O Kuk Ryol', '29'],
  ['김원홍', 'Kim Won Hong', '96'],
  ['현철해', 'Hyon Chol Hae', '137'],
  ['리용무', 'Ri Yong Mu', '25'],
  ['김정각', 'Kim Jong Gak', '192 (and "Kim Jong Kak" once)'],
  ['김영춘', 'Kim Yong Chun', '144'],
  ['김격식', 'Kim Kyok Sik', '2'],
  ['리병철', 'Ri Pyong Chol', '28'],
  ['조용원', 'Jo Yong Won', 'later'],
  ['김덕훈', 'Kim Tok Hun', '2'],
  ['박정천', 'Pak Jong Chon', '8'],
  ['박재경', 'Pak Jae Gyong', '78'],
  ['최영림', 'Choe Yong Rim', '597'],
  ['박의춘', 'Pak Ui Chun', '428'],
  ['김영일', 'Kim Yong Il', '323'],
  ['양형섭', 'Yang Hyong Sop', '257'],
  ['문경덕', 'Mun Kyong Dok', '170'],
  ['태종수', 'Thae Jong Su', '166'],
  ['김양건', 'Kim Yang Gon', '138'],
  ['주규창', 'Ju Kyu Chang', '137'],
  ['강석주', 'Kang Sok Ju', '121'],
  ['리명수', 'Ri Myong Su', '118'],
  ['김평해', 'Kim Phyong Hae', '104'],
  ['우동측', 'U Tong Chuk', '77'],
  ['김경옥', 'Kim Kyong Ok', '62'],
  ['김창섭', 'Kim Chang Sop', '57'],
  ['김명국', 'Kim Myong Guk', '41'],
  ['윤정린', 'Yun Jong Rin', '33'],
  ['리재일', 'Ri Jae Il', '29'],
  ['홍석형', 'Hong Sok Hyong', '29'],
  ['김계관', 'Kim Kye Gwan', '36'],
  ['곽범기', 'Kwak Pom Gi', '48 (and "Kwak Bom Gi" twice)'],
  ['로두철', 'Ro Tu Chol', '46'],
  ['김영철', 'Kim Yong Chol', '48'],
  ['리룡하', 'Ri Ryong Ha', '12'],
  ['김국태', 'Kim Kuk Thae', '24'],
  ['김정숙', 'Kim Jong Suk', '635'],
  ['김형직', 'Kim Hyong Jik', '153'],
  ['강반석', 'Kang Pan Sok', '93'],
  ['김락희', 'Kim Rak Hui', '21'],
  ['조연준', 'Jo Yon Jun', '11'],
  ['리병삼', 'Ri Pyong Sam', '30'],
  ['로성실', 'Ro Song Sil', '28'],
  ['리만건', 'Ri Man Gon', '14'],
  ['오수용', 'O Su Yong', '14'],
  ['리태남', 'Ri Thae Nam', '11'],
  ['변영립', 'Pyon Yong Rip', '13'],
  ['전병호', 'Jon Pyong Ho', '18'],
  ['김영대', 'Kim Yong Dae', '27'],
  ['류미영', 'Ryu Mi Yong', '8'],
  ['량만길', 'Ryang Man Gil', '33'],
  ['리룡남', 'Ri Ryong Nam', '55'],
  ['김형준', 'Kim Hyong Jun', '26'],
  ['정명도', 'Jong Myong Do', '22'],
  ['태형철', 'Thae Hyong Chol', '9'],
  ['리선권', 'Ri Son Gwon', '3'],
  ['최선희', 'Choe Son Hui', '2'],
  ['박태덕', 'Pak Thae Dok', '9'],
  ['노광철', 'No Kwang Chol', '1'],
  ['리영길', 'Ri Yong Gil', '1'],
  ['김수길', 'Kim Su Gil', 'later'],
  ['김재룡', 'Kim Jae Ryong', 'later'],
  ['정경택', 'Jong Kyong Thaek', 'later'],
  ['현송월', 'Hyon Song Wol', 'later'],
];

describe('romaniseName', () => {
  it.each(PAIRS)('%s → %s (KCNA stories: %s)', (hangul, kcna) => {
    expect(romaniseName(hangul)).toBe(kcna);
  });

  it('reads South Korean hangul of a surname the DPRK way', () => {
    expect(romaniseName('이영호')).toBe('Ri Yong Ho');
    expect(romaniseName('임동옥')).toBe('Rim Tong Ok');
    expect(romaniseName('유미영')).toBe('Ryu Mi Yong');
  });

  it('ignores spaces and splits a two-syllable surname only in a four-syllable name', () => {
    expect(romaniseName(' 최 룡해 ')).toBe('Choe Ryong Hae');
    expect(romaniseName('황보영철')).toBe('Hwangbo Yong Chol');
    expect(romaniseName('황보철')).toBe('Hwang Po Chol');
  });

  it('returns non-hangul input unchanged', () => {
    expect(romaniseName(' Hu Jintao ')).toBe('Hu Jintao');
  });

  it('lists the unvoiced form KCNA sometimes printed', () => {
    expect(romaniseNameForms('김정각')).toEqual(['Kim Jong Gak', 'Kim Jong Kak']);
    expect(romaniseNameForms('최룡해')).toEqual(['Choe Ryong Hae']);
    expect(romaniseNameForms('김일성')).toEqual(['Kim Il Sung']);
  });
});

describe('nameVariants', () => {
  const jang = nameVariants('Jang Song Thaek', '장성택');

  it('gives the spellings of South Korean and Western media', () => {
    for (const v of [
      'Jang Song-thaek',
      'Jang Song Taek',
      'Jang Song-taek',
      'Jang Sung-taek',
      'Chang Song-thaek',
      'Chang Song-taek',
      'Jang Seong-taek',
    ]) {
      expect(jang).toContain(v);
    }
  });

  it('uses South Korean surname spellings', () => {
    expect(nameVariants('Ri Yong Ho', '리용호')).toContain('Lee Yong-ho');
    expect(nameVariants('Choe Ryong Hae')).toContain('Choi Ryong-hae');
    expect(nameVariants('Pak Pong Ju', '박봉주')).toContain('Park Bong-ju');
    expect(nameVariants('Kim Jong Un', '김정은')).toContain('Kim Jong-un');
    expect(nameVariants('Kim Kyong Hui', '김경희')).toContain('Kim Kyung-hee');
    expect(nameVariants('Kim Yong Nam', '김영남')).toContain('Kim Young-nam');
  });

  it('gives MR without diacritics', () => {
    expect(nameVariants('Kim Jong Un')).toContain('Kim Chong-un');
    expect(nameVariants('Hwang Pyong So', '황병서')).toContain('Hwang Pyong-so');
  });

  it('includes the unvoiced slip and never the input, without duplicates', () => {
    const gak = nameVariants('Kim Jong Gak', '김정각');
    expect(gak).toContain('Kim Jong Kak');
    expect(jang).not.toContain('Jang Song Thaek');
    expect(new Set(jang).size).toBe(jang.length);
  });

  it('has nothing to add to a one-word name', () => {
    expect(nameVariants('Kim')).toEqual([]);
  });
});

describe('normaliseNameKey', () => {
  it('meets the spellings of one name', () => {
    const key = normaliseNameKey('Jang Song Thaek');
    expect(key).toBe('changsongtaek');
    for (const v of ['Jang Song-thaek', 'Chang Song-taek', "Chang Sŏng-t'aek", 'Jang Seong-taek']) {
      expect(normaliseNameKey(v)).toBe(key);
    }
    expect(normaliseNameKey('장성택')).toBe(key);
  });

  it('folds surnames, vowels and voicing', () => {
    expect(normaliseNameKey('Choi Ryong-hae')).toBe(normaliseNameKey('Choe Ryong Hae'));
    expect(normaliseNameKey('Lee Yong-ho')).toBe(normaliseNameKey('Ri Yong Ho'));
    expect(normaliseNameKey('Yi Yong-ho')).toBe(normaliseNameKey('Ri Yong Ho'));
    expect(normaliseNameKey('Park Bong-ju')).toBe(normaliseNameKey('Pak Pong Ju'));
    expect(normaliseNameKey('Kim Jeong-eun')).toBe(normaliseNameKey('Kim Jong Un'));
    expect(normaliseNameKey('Kim Chŏng-ŭn')).toBe(normaliseNameKey('Kim Jong Un'));
    expect(normaliseNameKey('Kim Young-nam')).toBe(normaliseNameKey('Kim Yong Nam'));
    expect(normaliseNameKey('Kim Kyong-hee')).toBe(normaliseNameKey('Kim Kyong Hui'));
    expect(normaliseNameKey('Kim Jong Kak')).toBe(normaliseNameKey('Kim Jong Gak'));
    expect(normaliseNameKey('Kim Jonggak')).toBe(normaliseNameKey('Kim Jong Gak'));
  });

  it('keeps distinct names apart', () => {
    expect(normaliseNameKey('Kim Jong Un')).not.toBe(normaliseNameKey('Kim Jong Il'));
    expect(normaliseNameKey('Pak Thae Song')).not.toBe(normaliseNameKey('Pak Thae Sung'));
    expect(normaliseNameKey('Ri Yong Ho')).not.toBe(normaliseNameKey('Ri Yong Su'));
  });

  it('is empty for empty input', () => {
    expect(normaliseNameKey('  - ')).toBe('');
  });
});

describe('isKcnaShaped', () => {
  it('accepts KCNA-spelled Korean names and nothing else', () => {
    expect(isKcnaShaped('Hyon In Thaek')).toBe(true);
    expect(isKcnaShaped('O Su Yong')).toBe(true);
    expect(isKcnaShaped('Jang Song-thaek')).toBe(false);
    expect(isKcnaShaped('Hu Jintao')).toBe(false);
    expect(isKcnaShaped('Wang Jiarui')).toBe(false);
    expect(isKcnaShaped('Kim')).toBe(false);
  });
});
