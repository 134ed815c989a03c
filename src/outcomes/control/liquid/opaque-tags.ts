import { humanNote } from '../human-notes.js';
import type { SectionContext, SectionNote } from '../language.js';
import { describeFacts } from '../personal-data.js';
import type { TextEdit } from '../text-edits.js';
import { everyTemplate, type LiquidSection } from './read-section.js';
import { liquidComment } from './tags.js';

const SENDS = 'sends it to another service when the email is sent: send nothing personal, or remove the call, by hand';
const WHY: ReadonlyMap<string, string> = new Map([
  ['liquid', 'its statements are not edited one by one: make them neutral by hand'],
  ['connected_content', SENDS],
  ['catalog_items', SENDS],
]);

/**
 * Tags the twin does not edit inside, that read personal data: `{% liquid %}` (its
 * statements are lines of one tag) and Braze's `connected_content` and `catalog_items`
 * (a request that leaves for another company). A comment (or note) for a person each.
 */
export function opaqueTagEdits(section: LiquidSection, context: SectionContext): { edits: TextEdit[]; notes: SectionNote[] } {
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  for (const template of everyTemplate(section.templates)) {
    const name = (template as { name?: string }).name;
    const why = name === undefined ? undefined : WHY.get(name);
    if (why === undefined) continue;
    const range = section.rangeOf(template);
    const personal = section.fieldsIn(range).filter((facts) => facts.personal);
    if (personal.length === 0) continue;
    notes.push(
      humanNote(
        edits,
        range.start,
        { text: section.text, context, comment: liquidComment },
        `the \`${name}\` tag reads ${[...new Set(personal.map(describeFacts))].join(', ')} and ${why}`,
      ),
    );
  }
  return { edits, notes };
}
