import type { SourceRange } from '../../model/location.js';
import type { Range } from './html-context.js';
import type { SectionContext } from './language.js';
import { fieldFacts, type FieldFacts } from './personal-data.js';

/** The fields a section's tags read, placed by offset in its text: what every step asks of a section. */
export interface SectionFields {
  /** The fields read at the places that start in a range of this text. */
  fieldsIn(range: Range): FieldFacts[];
  /** What the data map says of a field (remembered). */
  facts(field: string): FieldFacts;
}

/**
 * Place what a language's analysis found the text reads (each field with its 1-based range
 * in the file) by offset in the text; reads placed in other files (partials) are left out.
 */
export function sectionFields(text: string, reads: readonly { field: string; range: SourceRange }[], context: SectionContext): SectionFields {
  const starts = lineStarts(text);
  const own = reads
    .filter((read) => read.range.file === context.file)
    .map((read) => ({ field: read.field, offset: (starts[read.range.start.line - 1] ?? 0) + read.range.start.column - 1 }));
  const known = new Map<string, FieldFacts>();
  const facts = (field: string): FieldFacts => {
    let found = known.get(field);
    if (!found) {
      found = fieldFacts(field, context.dataMap, context.settings.preset);
      known.set(field, found);
    }
    return found;
  };
  return {
    fieldsIn: (range) => own.filter(({ offset }) => range.start <= offset && offset < range.end).map(({ field }) => facts(field)),
    facts,
  };
}

/** Where each line of a text starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}
