// Korean surnames: the KCNA spelling, McCune–Reischauer without diacritics, and the spellings South
// Korean and Western media use (most common first). South Korean hangul drops an initial ㄹ (이, 유,
// 임, 노) where the DPRK keeps it (리, 류, 림, 로); both forms are listed so either input romanises
// the KCNA way. The regular syllable rule gives most KCNA surnames already: the table is here for
// the exceptions, the South Korean spellings and the two-syllable surnames.

export interface Surname {
  hangul: string;
  kcna: string;
  mr: string;
  south: readonly string[];
}

// hangul KCNA MR south-korean-spellings
const TABLE = `
김 Kim Kim Kim,Gim
리 Ri Ri Lee,Yi,Rhee
이 Ri Yi Lee,Yi,Rhee
박 Pak Pak Park,Bak
최 Choe Choe Choi,Choe
정 Jong Chong Jung,Jeong,Chung
조 Jo Cho Cho,Jo
오 O O Oh
로 Ro Ro Roh,Noh
노 No No Noh,Roh
류 Ryu Ryu Ryu,Yoo,Yu
유 Ryu Yu Yoo,Yu,Ryu
림 Rim Rim Lim,Im
임 Rim Im Lim,Im
량 Ryang Ryang Yang
양 Yang Yang Yang
렴 Ryom Ryom Yeom
염 Ryom Yom Yeom
한 Han Han Han
강 Kang Kang Kang,Gang
장 Jang Chang Jang,Chang
윤 Yun Yun Yoon,Yun
현 Hyon Hyon Hyun,Hyeon
황 Hwang Hwang Hwang
홍 Hong Hong Hong
전 Jon Chon Jeon,Chun,Jun
태 Thae Tae Tae
차 Cha Cha Cha
채 Chae Chae Chae
문 Mun Mun Moon,Mun
백 Paek Paek Baek,Paik
변 Pyon Pyon Byun,Byeon
방 Pang Pang Bang
신 Sin Sin Shin
서 So So Seo,Suh
송 Song Song Song
안 An An Ahn
허 Ho Ho Heo,Hur
주 Ju Chu Joo,Ju,Choo
명 Myong Myong Myung,Myeong
권 Kwon Kwon Kwon,Gwon
곽 Kwak Kwak Kwak,Gwak
우 U U Woo
손 Son Son Son,Sohn
남 Nam Nam Nam
심 Sim Sim Shim,Sim
고 Ko Ko Ko,Go,Koh
계 Kye Kye Gye,Kye
구 Ku Ku Koo,Ku,Gu
마 Ma Ma Ma
석 Sok Sok Seok,Suk
탁 Thak Tak Tak
편 Phyon Pyon Pyun,Pyeon
배 Pae Pae Bae
길 Kil Kil Gil,Kil
지 Ji Chi Ji,Chi
진 Jin Chin Jin,Chin
도 To To Do
동 Tong Tong Dong
엄 Om Om Eom,Um
옥 Ok Ok Ok
원 Won Won Won
함 Ham Ham Ham
하 Ha Ha Ha
민 Min Min Min
왕 Wang Wang Wang
공 Kong Kong Kong,Gong
천 Chon Chon Cheon,Chun
표 Phyo Pyo Pyo
궁 Kung Kung Kung,Gung
남궁 Namgung Namgung Namgung
황보 Hwangbo Hwangbo Hwangbo
독고 Tokko Tokko Dokgo,Tokko
선우 Sonu Sonu Sunwoo,Seonu
제갈 Jegal Chegal Jegal,Chegal
`;

function parse(table: string): Surname[] {
  const rows: Surname[] = [];
  for (const line of table.split('\n')) {
    const [hangul, kcna, mr, south] = line.trim().split(' ');
    if (!hangul || !kcna || !mr || !south) continue;
    rows.push({ hangul, kcna, mr, south: south.split(',') });
  }
  return rows;
}

export const SURNAMES: readonly Surname[] = parse(TABLE);

const BY_HANGUL = new Map(SURNAMES.map((s) => [s.hangul, s]));

// The DPRK hangul comes first in the table, so the first row per KCNA spelling is the one to keep.
const BY_KCNA = new Map<string, Surname>();
for (const s of SURNAMES) if (!BY_KCNA.has(s.kcna)) BY_KCNA.set(s.kcna, s);

export function surnameByHangul(hangul: string): Surname | undefined {
  return BY_HANGUL.get(hangul);
}

export function surnameByKcna(kcna: string): Surname | undefined {
  return BY_KCNA.get(kcna);
}

/** South Korean and MR surname spellings folded to the KCNA one (for name keys). */
export function kcnaSurnameOf(spelling: string): string | undefined {
  const lower = spelling.toLowerCase();
  for (const s of SURNAMES) {
    if (s.kcna.toLowerCase() === lower) return s.kcna;
  }
  for (const s of SURNAMES) {
    if (s.south.some((x) => x.toLowerCase() === lower)) return s.kcna;
  }
  return undefined;
}
