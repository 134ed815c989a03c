/** Kinds of lexicon entry (lexicon/en.yaml explains each). */
export const LEXICON_KINDS = ['surveillance', 'sensitive', 'transparency', 'unsubscribe', 'preferences'] as const;
export type LexiconKind = (typeof LEXICON_KINDS)[number];

/** Phrases judged on the rendered email's words, with why and where they come from. */
export interface LexiconEntry {
  kind: LexiconKind;
  phrases: readonly string[];
  suggestion: string;
  note: string;
  source: string;
  /** For `sensitive` entries: the category the phrase reveals. */
  category?: string | undefined;
  /** BCP 47 language of the phrases; `en` for the built-in lexicon. */
  language: string;
}
