// The three leaders and the family members KCNA names.
import { leader, official, type GazetteerEntry } from './gazetteer-entry.js';

export const LEADERS: readonly GazetteerEntry[] = [
  leader('Kim Il Sung', '김일성'),
  leader('Kim Jong Il', '김정일'),
  leader('Kim Jong Un', '김정은'),
  // Kim Il Sung's grandparents, parents and uncle, Kim Jong Il's mother: commemorated, not
  // present, but frequent in the copy.
  official('Kim Po Hyon', '김보현'),
  official('Ri Po Ik', '리보익'),
  official('Kim Hyong Gwon', '김형권'),
  official('Kim Hyong Jik', '김형직'),
  official('Kang Pan Sok', '강반석'),
  official('Kim Jong Suk', '김정숙'),
  official('Kim Kyong Hui', '김경희'),
  official('Jang Song Thaek', '장성택'),
  official('Ri Sol Ju', '리설주'),
  official('Kim Yo Jong', '김여정'),
];
