import type { SectionContext, SectionNote } from './language.js';
import { sectionMarkup, sentenceStretches, type TaggedText } from './markup.js';
import { surveillanceSentences } from './surveillance-sentences.js';
import type { TextEdit } from './text-edits.js';

/** Every sentence with surveillance phrasing, replaced by its lexicon entry's suggestion (tokens in it go with it), in any template language. */
export function phraseEdits(section: TaggedText, context: SectionContext): { edits: TextEdit[]; notes: SectionNote[] } {
  const map = sectionMarkup(section, context);
  const replacements = sentenceStretches(section, map).flatMap((stretch) => surveillanceSentences(map.masked, stretch, context.lexicon));
  return {
    edits: replacements.map(({ start, end, text }) => ({ start, end, text })),
    notes: replacements.map((replacement) => ({
      offset: replacement.start,
      kind: 'replaced',
      message: `"${replacement.phrase}" tells the reader they were watched: its sentence is replaced with the lexicon's suggestion "${replacement.suggestion}"`,
    })),
  };
}
