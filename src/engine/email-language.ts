import { emailLanguage, type EmailLanguage } from '../copy/language.js';
import type { LayoutRecord } from './layouts.js';

/**
 * The language and direction of a layout's email, worked out once per layout: from the
 * `lang` and `dir` its markup declares, else from the script of its own copy (the
 * template's words, not a recipient's values, which are slots here and printed values
 * on the plain path alike). Recipients of one layout share it.
 */
export function layoutLanguage(record: LayoutRecord): EmailLanguage {
  const known = record.memo.get('language') as EmailLanguage | undefined;
  if (known) return known;
  const copy: string[] = [];
  for (const block of record.layout.blocks) for (const part of block.parts) if (part.kind === 'text') copy.push(part.text);
  const found = emailLanguage(record.layout.declared, copy);
  record.memo.set('language', found);
  return found;
}
