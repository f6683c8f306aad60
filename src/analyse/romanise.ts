// Korean personal names in KCNA's romanisation, the spellings other media use for the same person,
// and a key under which those spellings meet. Pure and table-driven; the parts live in
// romanise-*.ts so each stays small.
export { isKcnaShaped, romaniseName, romaniseNameForms, splitHangulName } from './romanise-name.js';
export { nameVariants } from './romanise-variants.js';
export { normaliseNameKey } from './romanise-key.js';
