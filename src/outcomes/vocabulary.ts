/** What `creeplint outcomes` reads and reports, as closed lists with types derived from them. */

/** Things a recipient did or did not do, each 0/1 or true/false in the results. */
export const BINARY_OUTCOMES = ['delivered', 'opened', 'clicked', 'converted', 'unsubscribed', 'complained'] as const;
export type BinaryOutcome = (typeof BINARY_OUTCOMES)[number];

/** The outcomes that say an email cost the sender goodwill: the score should predict these. */
export const NEGATIVE_OUTCOMES = ['unsubscribed', 'complained'] as const satisfies readonly BinaryOutcome[];
export type NegativeOutcome = (typeof NEGATIVE_OUTCOMES)[number];

export { GROUPS, type Group } from '../model/vocabulary.js';

/** Every column a results file may have besides `id`. */
export const RESULT_COLUMNS = [...BINARY_OUTCOMES, 'revenue'] as const;
export type ResultColumn = (typeof RESULT_COLUMNS)[number];
