import type { EmailLanguage } from '../copy/language.js';
import { locatePhrase } from '../copy/phrases.js';
import type { CopyFacts } from '../rules/rule.js';
import type { SourceText } from '../template/source.js';
import type { TracedRender } from '../template/language.js';
import type { Layout } from '../template/layout.js';
import { fillHollowSlots, filledMarker, stripMarkers } from '../template/markers.js';
import type { TokenUse } from '../template/uses.js';

/**
 * The rendered email, free of markers, as the recipient would get it; and, for local
 * previews only, the same email with its markers and the values each field printed.
 * Nothing here goes into LintResult, so CI formats cannot leak it.
 */
export interface RenderedEmail {
  subject?: string | undefined;
  preheader?: string | undefined;
  body: string;
  /** `html` for HTML and MJML templates (MJML compiled), `text` for text templates. */
  format: 'html' | 'text';
  /** The same sections with the tracing markers still in (see template/markers.ts). */
  traced: { subject?: string | undefined; preheader?: string | undefined; body: string };
  /** The field each traced use id reads. */
  useFields: ReadonlyMap<number, string>;
  /** The values each field printed for this recipient (cut to 200 characters). Maps, since field names such as `constructor` are data here. */
  values: ReadonlyMap<string, readonly string[]>;
  /** The email's language and the direction its text runs (engine/email-language.ts): previews lay out right-to-left emails right to left. */
  language: EmailLanguage;
  /** Lexicon phrases the copy says, and where they are written: previews mark them beside the findings there. */
  phrases: readonly CopyPhrase[];
}

/** A phrase of the lexicon found in the copy, and where its words start in the template or a partial (as copy findings point). */
export interface CopyPhrase {
  phrase: string;
  file: string;
  line: number;
  column: number;
}

/** The copy's phrases that are written in the template or its partials (words that came from data have no place to point at). */
export function copyPhrases(copy: CopyFacts | undefined, texts: readonly { file: string; source: SourceText }[]): CopyPhrase[] {
  if (!copy) return [];
  const phrases: CopyPhrase[] = [];
  for (const match of [...copy.surveillance, ...copy.sensitive, ...copy.transparency]) {
    const range = locatePhrase(match.phrase, texts);
    if (range && !phrases.some((known) => known.phrase === match.phrase && known.file === range.file && known.line === range.start.line && known.column === range.start.column)) {
      phrases.push({ phrase: match.phrase, file: range.file, line: range.start.line, column: range.start.column });
    }
  }
  return phrases;
}

/** Values shown per field in previews, and how much of each. */
const SHOWN_VALUES = 20;
const SHOWN_LENGTH = 200;

/** The layout with this recipient's values in its slots: in the body as printed (escaped), in the subject and preheader as text. */
export function renderedEmail(layout: Layout, render: TracedRender, uses: readonly TokenUse[], language: EmailLanguage, phrases: readonly CopyPhrase[] = []): RenderedEmail {
  const fill = (text: string | undefined, printed: boolean): string | undefined =>
    text === undefined ? undefined : fillHollowSlots(text, (slot, open) => filledMarker(open, printed ? (render.slots[slot]?.printed ?? '') : (render.slots[slot]?.value ?? '')));
  const subject = fill(layout.email.subject, false);
  const preheader = fill(layout.email.preheader, false);
  const body = fill(layout.email.body, true) ?? '';
  const useFields = new Map<number, string>();
  for (const use of uses) useFields.set(use.id, use.field);
  const values = new Map<string, string[]>();
  for (const slot of render.slots) {
    for (const id of slot.ids) {
      const field = useFields.get(id);
      if (field === undefined || slot.value.trim() === '') continue;
      const kept = values.get(field) ?? [];
      const shown = slot.value.slice(0, SHOWN_LENGTH);
      if (kept.length < SHOWN_VALUES && !kept.includes(shown)) kept.push(shown);
      values.set(field, kept);
    }
  }
  return {
    subject: subject === undefined ? undefined : stripMarkers(subject),
    preheader: preheader === undefined ? undefined : stripMarkers(preheader),
    body: stripMarkers(body),
    format: layout.format,
    traced: { subject, preheader, body },
    useFields,
    values,
    language,
    phrases,
  };
}
