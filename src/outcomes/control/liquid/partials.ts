import type { Template } from 'liquidjs';
import { liquidPartial } from '../../../template/liquid/partial-expansion.js';
import { createLiquid } from '../../../template/liquid/environment.js';
import { parseLiquid } from '../../../template/liquid/parse.js';
import { installStandInTags } from '../../../template/liquid/stand-ins.js';
import type { PartialFile } from '../../../template/partial-source.js';
import type { SectionContext, SectionNote } from '../language.js';
import { callsForAPerson, inlinedCalls, type PersonalCall } from '../partial-calls.js';
import { describeFacts, type FieldFacts } from '../personal-data.js';
import type { TextEdit } from '../text-edits.js';
import { everyTemplate, type LiquidSection } from './read-section.js';
import { liquidComment } from './tags.js';

/**
 * An `{% include %}` of a partial that reads personal data is written into the twin in
 * place of its call, so the next steps make it neutral there (the partial's own file,
 * shared with other emails, is never touched). Only a plain `{% include 'name' %}` can be:
 * one with parameters (`, key: value`, `with`, `for`) or a `{% render %}` given personal
 * data is reported for a person to inline. A `{% render %}` sees only its parameters, so
 * one given no personal data reads none, and stays a call, as do partials that read only
 * system data (links, the store's name).
 */
export function partialInlines(section: LiquidSection, context: SectionContext): { edits: TextEdit[]; notes: SectionNote[] } {
  return inlinedCalls(section.text, personalPartialCalls(section, context));
}

/** The partials and includes that read personal data and cannot be written in: a comment (or note) for a person each. */
export function partialsForAPerson(section: LiquidSection, context: SectionContext): { edits: TextEdit[]; notes: SectionNote[] } {
  return callsForAPerson(section, context, {
    calls: personalPartialCalls(section, context),
    how: 'is called with parameters',
    personalIn: personalReader(section, context),
    comment: liquidComment,
  });
}

interface PartialTag {
  name: string;
  file: unknown;
  hash?: { hash: Record<string, unknown> };
  with?: unknown;
  forBinding?: unknown;
  withVar?: unknown;
}

function personalPartialCalls(section: LiquidSection, context: SectionContext): PersonalCall[] {
  const personalIn = personalReader(section, context);
  return partialTags(section.templates).flatMap(({ template, call }): PersonalCall[] => {
    if (typeof call.file !== 'string') return [];
    const partial = liquidPartial(context.partials, call.file);
    if (!partial) return [];
    const range = section.rangeOf(template);
    const parameters = Object.keys(call.hash?.hash ?? {}).length > 0 || call.with !== undefined || call.forBinding !== undefined || call.withVar !== undefined;
    // What the call hands over, and for an include (which shares the caller's variables) what the partial reads itself.
    const personal = [...section.fieldsIn(range).filter((facts) => facts.personal), ...(call.name === 'include' ? personalIn(partial) : [])];
    if (personal.length === 0) return [];
    return [{ name: call.file, partial, range, reads: `reads ${[...new Set(personal.map(describeFacts))].join(', ')}`, plain: call.name === 'include' && !parameters }];
  });
}

/**
 * The personal fields a partial file reads, or the partials it calls read: the analysis
 * follows partials with the caller's variables and parameters, and places each path in
 * its own file.
 */
function personalReader(section: LiquidSection, context: SectionContext): (partial: PartialFile) => FieldFacts[] {
  const reads = (partial: PartialFile, seen: Set<string>): FieldFacts[] => {
    if (seen.has(partial.file)) return [];
    seen.add(partial.file);
    const liquid = createLiquid();
    installStandInTags(liquid);
    const parsed = parseLiquid(liquid, partial.source, partial.file);
    const called = parsed.ok ? partialTags(parsed.templates).flatMap(({ call }) => (typeof call.file === 'string' ? [call.file] : [])) : [];
    return [
      ...section
        .pathsIn(partial.file)
        .map((field) => section.facts(field))
        .filter((facts) => facts.personal),
      ...called.flatMap((name) => {
        const found = liquidPartial(context.partials, name);
        return found ? reads(found, seen) : [];
      }),
    ];
  };
  return (partial) => reads(partial, new Set());
}

function partialTags(templates: readonly Template[]): { template: Template; call: PartialTag }[] {
  return everyTemplate(templates).flatMap((template) => {
    const call = template as unknown as PartialTag;
    return call.name === 'render' || call.name === 'include' ? [{ template, call }] : [];
  });
}
