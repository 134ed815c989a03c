/** Kinds of lexicon entry (lexicon/en.yaml explains each; lexicon/ar.yaml has the same kinds in Arabic). */
export const LEXICON_KINDS = ['surveillance', 'sensitive', 'revealing', 'transparency', 'unsubscribe', 'preferences'] as const;
export type LexiconKind = (typeof LEXICON_KINDS)[number];

/** Phrases judged on the rendered email's words, with why and where they come from. */
export interface LexiconEntry {
  kind: LexiconKind;
  phrases: readonly string[];
  suggestion: string;
  note: string;
  source: string;
  /** For `sensitive` and `revealing` entries: the category the phrase reveals. */
  category?: string | undefined;
  /**
   * BCP 47 language of the phrases (`en` and `ar` for the built-in lexicons). Every entry
   * applies to every email, whatever its language; the email's language chooses which
   * suggestion a rule offers when it offers one of its own (engine/email-language.ts).
   */
  language: string;
}
