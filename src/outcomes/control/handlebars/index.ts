import type { ControlLanguage, SectionContext, SectionNote, SectionOutcome } from '../language.js';
import { applyEdits, type TextEdit } from '../text-edits.js';
import { blockEdits } from './blocks.js';
import { partialInlines, partialsForAPerson } from './partials.js';
import { phraseEdits } from './phrases.js';
import { readSection, type HandlebarsSection } from './read-section.js';
import { tokenEdits } from './tokens.js';
import { withWhitespaceControl } from './whitespace-control.js';

type Step = (section: HandlebarsSection, context: SectionContext) => { edits: TextEdit[]; notes: SectionNote[] };

/** Partials include partials: past this many rounds of writing them in, the rest is left as calls. */
const MAX_PARTIAL_ROUNDS = 12;

/**
 * The control twin of a Handlebars text, in steps, each reading the text the one before
 * left (parsed again with Handlebars' own parser, its fields traced again by the engine's
 * analysis) and editing it at the places the tree gives:
 *
 * 1. blocks whose condition reads personal data are reduced to their generic branch;
 * 2. partials that read personal data are written in where they are called, and their
 *    blocks reduced in turn (or, when they cannot be written in, marked for a person);
 * 3. sentences with surveillance phrasing are replaced with the lexicon's suggestion;
 * 4. printed personal values are replaced with their fallback or a neutral wording, or
 *    marked for a person to reword.
 *
 * Blocks go first, so nothing is written in or reworded in a branch that is then left
 * out; phrases before values, so a value in a sentence replaced whole needs no wording.
 */
export const handlebarsControl: ControlLanguage = {
  name: 'handlebars',
  depersonalise(text, context): SectionOutcome {
    const first = readSection(text, context);
    if (!first.ok) return first;
    let section = first.section;
    let notes: SectionNote[] = [];
    const run = (step: Step): boolean => {
      const { edits, notes: found } = step(section, context);
      if (edits.length === 0) {
        notes = [...notes, ...found];
        return false;
      }
      const edited = applyEdits(section.text, withWhitespaceControl(section.text, edits), { dropEmptiedLines: true });
      notes = [...notes, ...found].map((note) => ({ ...note, offset: edited.mapOffset(note.offset) }));
      const next = readSection(edited.text, context);
      if (!next.ok) throw new Error(`the control twin stopped parsing (${next.message}): this is a bug in creeplint, please report it with the template`);
      section = next.section;
      return true;
    };
    run(blockEdits);
    let inlined = false;
    for (let round = 0; round < MAX_PARTIAL_ROUNDS && run(partialInlines); round += 1) inlined = true;
    if (inlined) run(blockEdits);
    run(partialsForAPerson);
    run(phraseEdits);
    run(tokenEdits);
    return { ok: true, text: section.text, notes };
  },
};
