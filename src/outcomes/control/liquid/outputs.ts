import type { Template, Value } from 'liquidjs';
import { writtenAt } from '../../../template/liquid/braze.js';
import type { SectionContext, SectionNote } from '../language.js';
import type { NeutralWording } from '../neutral-wording.js';
import { printedValueEdits } from '../printed-values.js';
import type { TextEdit } from '../text-edits.js';
import { defaultOf } from './fallback.js';
import { childrenOf, isLiquidTag, type LiquidSection } from './read-section.js';
import { liquidComment } from './tags.js';

/** Tags that print a value of their own, as `{{ … }}` does. */
const PRINTING = new Set(['echo', 'cycle']);

/**
 * Every printed personal value outside a capture replaced (printed-values.ts): by what its
 * `| default:` prints, else by a neutral wording where one reads naturally, or marked for a
 * person. Filters that transform a value (`{{ first_name | upcase }}`) are the value they print.
 */
export function outputEdits(section: LiquidSection, context: SectionContext): { edits: TextEdit[]; notes: SectionNote[] } {
  return printedValueEdits(section, context, printedValues(section, 'outside'), liquidComment);
}

/**
 * The printed personal values in the bodies of `{% capture %}`s, made neutral before the
 * rest: a captured value is personal wherever it is printed only while what it captures is.
 */
export function captureEdits(section: LiquidSection, context: SectionContext): { edits: TextEdit[]; notes: SectionNote[] } {
  return printedValueEdits(section, context, printedValues(section, 'captured'), liquidComment);
}

function printedValues(section: LiquidSection, where: 'captured' | 'outside'): { range: { start: number; end: number }; fallback: NeutralWording | undefined }[] {
  const found: { range: { start: number; end: number }; fallback: NeutralWording | undefined }[] = [];
  const visit = (templates: readonly Template[], captured: boolean): void => {
    for (const template of templates) {
      if (isLiquidTag(template)) continue;
      const name = (template as { name?: string }).name;
      const value = (template as { value?: Value }).value;
      const prints = name === undefined ? value !== undefined : PRINTING.has(name);
      if (prints && captured === (where === 'captured')) found.push({ range: section.rangeOf(template), fallback: value ? fallbackOf(section, value, template) : undefined });
      visit(childrenOf(template), captured || name === 'capture');
    }
  };
  visit(section.templates, false);
  return found;
}

/** A printed value's `| default:`, as the twin writes it in the value's place. */
function fallbackOf(section: LiquidSection, value: Value, template: Template): NeutralWording | undefined {
  const fallback = defaultOf(section, value, writtenAt(template.token) !== undefined);
  if (!fallback) return undefined;
  return { text: fallback.text ?? `{{ ${fallback.expression} }}`, reason: 'the fallback the template gives' };
}
