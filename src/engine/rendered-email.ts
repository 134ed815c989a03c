import type { TracedRender } from '../template/render.js';
import { stripMarkers } from '../template/markers.js';
import { mjmlInboxLines } from '../template/mjml-inbox.js';
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
}

export function renderedEmail(
  render: TracedRender,
  options: { html: string; format: RenderedEmail['format']; uses: readonly TokenUse[]; mjml?: boolean | undefined },
): RenderedEmail {
  // Without front matter, an MJML email's subject and preheader are its <mj-title> and <mj-preview>.
  const inbox = options.mjml && (render.sections.subject === undefined || render.sections.preheader === undefined) ? mjmlInboxLines(options.html) : undefined;
  const subject = render.sections.subject ?? inbox?.subject;
  const preheader = render.sections.preheader ?? inbox?.preheader;
  const useFields = new Map<number, string>();
  const values = new Map<string, string[]>();
  for (const use of options.uses) {
    useFields.set(use.id, use.field);
    const printed = render.trace.get(use.id)?.values ?? [];
    if (printed.length > 0) values.set(use.field, [...new Set([...(values.get(use.field) ?? []), ...printed])]);
  }
  return {
    subject: subject === undefined ? undefined : stripMarkers(subject),
    preheader: preheader === undefined ? undefined : stripMarkers(preheader),
    body: stripMarkers(options.html),
    format: options.format,
    traced: { subject, preheader, body: options.html },
    useFields,
    values,
  };
}
