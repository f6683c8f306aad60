// People KCNA names alike. Each carries the title words (cues) and the period that tell them
// apart; the first listed wins when nothing does, so the one the 2011–2012 wire names most often
// comes first. A third Ri Yong Ho, a South Korean presidential secretary, is in the foreign list.
import { official, type GazetteerEntry } from './gazetteer-entry.js';

export const HOMONYMS: readonly GazetteerEntry[] = [
  // Chief of the KPA General Staff, Vice-Marshal, dismissed in July 2012.
  official('Ri Yong Ho', '리영호', {
    qualifier: 'military',
    cues: [
      'General Staff',
      'Vice Marshal',
      'Vice-Marshal',
      'Presidium of the Political Bureau',
      'Central Military Commission',
      'Estado Mayor',
      'vicemariscal',
    ],
    from: '2009-02',
    to: '2012-07-16',
  }),
  // Vice foreign minister and six-party talks negotiator, foreign minister 2016–2019.
  official('Ri Yong Ho', '리용호', {
    qualifier: 'diplomat',
    cues: [
      'Foreign Affairs',
      'foreign minister',
      'Foreign Ministry',
      'six-party talks',
      'canciller',
      'Relaciones Exteriores',
    ],
    from: '2003',
    to: '2019-12-31',
  }),
];
