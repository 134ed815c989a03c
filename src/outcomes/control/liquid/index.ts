import type { ControlLanguage } from '../language.js';
import { phraseEdits } from '../phrases.js';
import { twinInSteps } from '../steps.js';
import { withWhitespaceControl } from '../whitespace-control.js';
import { assignmentEdits } from './assignments.js';
import { blockEdits } from './blocks.js';
import { opaqueTagEdits } from './opaque-tags.js';
import { captureEdits, outputEdits } from './outputs.js';
import { partialInlines, partialsForAPerson } from './partials.js';
import { readSection } from './read-section.js';
import { LIQUID_TRIM } from './tags.js';

/**
 * The control twin of a Liquid text (steps.ts), edited at the places liquidjs's own
 * tokenizer and parser give, with the decisions the Handlebars twin makes. Values are made
 * neutral where they are named first (`{% assign x = first_name | default: "there" %}`,
 * what a `{% capture %}` prints), then wherever they are printed.
 */
export const liquidControl: ControlLanguage = {
  name: 'liquid',
  depersonalise(text, context) {
    return twinInSteps(text, context, {
      read: readSection,
      whitespace: (source, edits) => withWhitespaceControl(source, edits, LIQUID_TRIM),
      blocks: blockEdits,
      partialInlines,
      forAPerson: [partialsForAPerson, opaqueTagEdits],
      phrases: phraseEdits,
      values: [assignmentEdits, captureEdits, outputEdits],
    });
  },
};
