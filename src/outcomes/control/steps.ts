import type { Position } from '../../model/location.js';
import type { SectionContext, SectionNote, SectionOutcome } from './language.js';
import { applyEdits, type TextEdit } from './text-edits.js';

export type Step<S> = (section: S, context: SectionContext) => { edits: TextEdit[]; notes: SectionNote[] };

export type ReadOutcome<S> = { ok: true; section: S } | { ok: false; message: string; position: Position };

/** What a template language gives the steps that make its twin (control/handlebars/, control/liquid/). */
export interface LanguageSteps<S extends { text: string }> {
  /** Parse a text with the language's own parser and trace what it reads with the engine's analysis. */
  read(text: string, context: SectionContext): ReadOutcome<S>;
  /** The edits widened to take the whitespace a removed tag stripped (whitespace-control.ts). */
  whitespace(text: string, edits: readonly TextEdit[]): TextEdit[];
  /** Blocks whose condition reads personal data, reduced to their generic branch. */
  blocks: Step<S>;
  /** Partials that read personal data and can be written in, written in. */
  partialInlines: Step<S>;
  /** Partials and includes that read personal data and cannot be written in (and any tag the language does not edit inside), marked for a person. */
  forAPerson: readonly Step<S>[];
  /** Sentences with surveillance phrasing, replaced with the lexicon's suggestion. */
  phrases: Step<S>;
  /**
   * Printed personal values, replaced with their fallback or a neutral wording, or marked
   * for a person; in order, where a value is made neutral where it is named before it is
   * printed (Liquid's assignments and captures).
   */
  values: readonly Step<S>[];
}

/** Partials include partials: past this many rounds of writing them in, the rest is left as calls. */
const MAX_PARTIAL_ROUNDS = 12;

/**
 * The control twin of one section, in steps, each reading the text the one before left
 * (parsed again with the language's own parser, its fields traced again by the engine's
 * analysis) and editing it at the places the parser gives:
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
export function twinInSteps<S extends { text: string }>(text: string, context: SectionContext, language: LanguageSteps<S>): SectionOutcome {
  const first = language.read(text, context);
  if (!first.ok) return first;
  let section = first.section;
  let notes: SectionNote[] = [];
  const run = (step: Step<S>): boolean => {
    const { edits, notes: found } = step(section, context);
    if (edits.length === 0) {
      notes = [...notes, ...found];
      return false;
    }
    const edited = applyEdits(section.text, language.whitespace(section.text, edits), { dropEmptiedLines: true });
    notes = [...notes, ...found].map((note) => ({ ...note, offset: edited.mapOffset(note.offset) }));
    const next = language.read(edited.text, context);
    if (!next.ok) throw new Error(`the control twin stopped parsing (${next.message}): this is a bug in creeplint, please report it with the template`);
    section = next.section;
    return true;
  };
  run(language.blocks);
  let inlined = false;
  for (let round = 0; round < MAX_PARTIAL_ROUNDS && run(language.partialInlines); round += 1) inlined = true;
  if (inlined) run(language.blocks);
  for (const step of language.forAPerson) run(step);
  run(language.phrases);
  for (const step of language.values) run(step);
  return { ok: true, text: section.text, notes };
}
