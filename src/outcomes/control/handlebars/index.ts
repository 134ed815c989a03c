import type { ControlLanguage } from '../language.js';
import { phraseEdits } from '../phrases.js';
import { twinInSteps } from '../steps.js';
import { withWhitespaceControl } from '../whitespace-control.js';
import { blockEdits } from './blocks.js';
import { partialInlines, partialsForAPerson } from './partials.js';
import { readSection } from './read-section.js';
import { HANDLEBARS_TRIM } from './tags.js';
import { tokenEdits } from './tokens.js';

/**
 * The control twin of a Handlebars text (steps.ts), edited at the places Handlebars' own
 * parser and lexer give.
 */
export const handlebarsControl: ControlLanguage = {
  name: 'handlebars',
  depersonalise(text, context) {
    return twinInSteps(text, context, {
      read: readSection,
      whitespace: (source, edits) => withWhitespaceControl(source, edits, HANDLEBARS_TRIM),
      blocks: blockEdits,
      partialInlines,
      forAPerson: [partialsForAPerson],
      phrases: phraseEdits,
      values: [tokenEdits],
    });
  },
};
