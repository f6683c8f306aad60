// Foreign heads of state and party leaders frequent in the 2011–2012 corpus, with the spelling
// KCNA prints (often the full name: "Raul Castro Ruz", "Dmitri Anatoliyevich Medvedev").
// South Koreans are 'foreign' too: KCNA writes most of them the DPRK way (Hyon In Thaek) but
// keeps the presidents' own spelling (Lee Myung Bak), so for those the DPRK-rule spelling is
// listed as a variant and a hangul lookup still lands on them.
import { foreign, type GazetteerEntry } from './gazetteer-entry.js';

export const FOREIGN: readonly GazetteerEntry[] = [
  foreign('Hu Jintao'),
  foreign('Xi Jinping'),
  foreign('Wen Jiabao'),
  foreign('Li Keqiang'),
  foreign('Wu Bangguo'),
  foreign('Jia Qinglin'),
  foreign('Wang Jiarui'),
  foreign('Choummaly Sayasone'),
  foreign('Thongsing Thammavong'),
  foreign('Truong Tan Sang'),
  foreign('Nguyen Phu Trong'),
  foreign('Norodom Sihamoni'),
  foreign('Norodom Sihanouk'),
  foreign('Hun Sen'),
  foreign('Raul Castro Ruz', ['Raul Castro', 'Raúl Castro', 'Raúl Castro Ruz']),
  foreign('Fidel Castro Ruz', ['Fidel Castro']),
  foreign('Hugo Chavez Frias', ['Hugo Chavez', 'Hugo Chávez', 'Hugo Rafael Chavez Frias']),
  foreign('Daniel Ortega Saavedra', ['Daniel Ortega']),
  foreign('Evo Morales', ['Evo Morales Ayma']),
  foreign('Vladimir Putin', ['Vladimir Vladimirovich Putin']),
  foreign('Dmitri Anatoliyevich Medvedev', [
    'Dmitri Anatolievich Medvedev',
    'Dmitry Medvedev',
    'Dmitri Medvedev',
  ]),
  foreign('Nursultan Nazarbayev'),
  foreign('Mahmoud Abbas'),
  foreign('Mahmoud Ahmadinejad'),
  foreign('Bashar Al-Assad', ['Bashar al-Assad']),
  foreign('Abdelaziz Bouteflika'),
  foreign('Yoweri Kaguta Museveni', ['Yoweri Museveni']),
  foreign('Hifikepunye Pohamba'),
  foreign('Barack Obama'),
  // South Korea.
  foreign('Lee Myung Bak', ['Lee Myung-bak', 'Ri Myong Bak'], { hangul: '이명박' }),
  foreign('Park Geun Hye', ['Park Geun-hye', 'Pak Kun Hye'], { hangul: '박근혜' }),
  foreign('Kim Dae Jung', ['Kim Dae-jung']),
  foreign('Roh Moo Hyun', ['Roh Moo-hyun']),
  foreign('Hyon In Thaek', [], { hangul: '현인택' }),
  foreign('Kim Kwan Jin', [], { hangul: '김관진' }),
  foreign('Jong Sung Jo', [], { hangul: '정승조' }),
  foreign('Han Sang Ryol', [], { hangul: '한상렬' }),
  foreign('Ri Yong Ho', [], {
    qualifier: 'Chongwadae',
    cues: ['Chongwadae', 'employment and labor'],
    from: '2010',
    to: '2012',
  }),
];
