/**
 * One short KCNA-style record, shared by the tests that import it, edit it and watch what follows:
 * its "Hwasong" and "on Monday" are the words those tests edit out or search for.
 */
export const PLANT = {
  source: 'kcna-kp-en',
  language: 'en',
  published: '2024-06-01',
  title: 'Fertilizer Plant Fulfils Its Yearly Plan',
  body:
    'Workers of the chemical industry fulfilled their yearly plan ahead of schedule, officials said on Monday in Pyongyang. ' +
    'Kim Jong Un inspected the Hwasong fertilizer plant and praised its workers for their devotion.',
};
