import type { DataMap } from '../../model/datamap.js';
import type { Position } from '../../model/location.js';
import type { LexiconEntry } from '../../model/lexicon.js';
import type { EngineSettings } from '../../model/settings.js';
import type { PartialSource } from '../../template/partial-source.js';
import type { TemplateKind } from '../../template/source.js';

/**
 * What a template language gives the control twin: one section of a template (its body,
 * or a subject or preheader) made neutral by editing its own text. Handlebars
 * (control/handlebars/) and Liquid (control/liquid/) are the two, each running the same
 * steps (steps.ts) with its own parser. Everything around them (front matter, purposes,
 * checking the twin, the notes) is the same for every language.
 */
export interface ControlLanguage {
  readonly name: string;
  depersonalise(text: string, context: SectionContext): SectionOutcome;
}

export interface SectionContext {
  /** The template's path: partials and includes resolve from it, uses are told apart from a partial's by it. */
  file: string;
  kind: TemplateKind;
  dataMap: DataMap | undefined;
  settings: EngineSettings;
  lexicon: readonly LexiconEntry[];
  partials: PartialSource;
  /**
   * `comment`: a value that cannot be made neutral gets a comment in the language's
   * syntax at the start of its line (the body). `leave`: nothing is added; the caller
   * says so where the section lives (a YAML comment beside a subject).
   */
  humanNotes: 'comment' | 'leave';
}

export type SectionOutcome = { ok: true; text: string; notes: SectionNote[] } | { ok: false; message: string; position: Position };

export const NOTE_KINDS = ['replaced', 'removed', 'inlined', 'purpose', 'needs-human'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** What the twin changed, or could not change, at an offset of the section's new text. */
export interface SectionNote {
  offset: number;
  kind: NoteKind;
  message: string;
}
