import type { SourceRange } from '../model/location.js';
import type { Section } from '../model/vocabulary.js';
import type { DeclaredLanguage } from './declared-language.js';
import { analyseHtml, type LayoutLink, type Placements, type TextParts } from './layout-html.js';
import { analyseHeaders, type LayoutHeader } from './layout-headers.js';
import { mjmlUnsafeSlots } from './layout-mjml.js';
import { hollowSlotsIntact, hollowSpans, markedUseIds, splitMarkedText } from './markers.js';
import { compileMjml, locateMjmlProblem } from './mjml.js';
import type { SourceText, TemplateKind } from './source.js';
import type { TemplateProblem } from './uses.js';

export type { DeclaredLanguage } from './declared-language.js';
export type { LayoutHeader } from './layout-headers.js';
export type { LayoutLink, Placements, TextParts } from './layout-html.js';

/**
 * An email's layout: the finished email with every value that cannot change its
 * structure left out (hollow), and what that structure says. Recipients whose render
 * gives the same layout share it: where each value lands, the words and links around
 * the values, mjml's compiled HTML and its complaints. Their own values go into the
 * slots afterwards (engine/recipient-copy.ts, engine/rendered-email.ts).
 */
export interface Layout {
  /** Unique per layout: results are shared only within one. */
  id: number;
  placements: Placements;
  /** Runs of text a reader sees, in reading order: subject, preheader, the body's text nodes. */
  blocks: readonly { section: Section; parts: TextParts }[];
  links: readonly LayoutLink[];
  /**
   * The email with its markers: subject and preheader as text, the body as HTML (mjml's
   * output for MJML) or text. In the body a hollow slot takes the value as printed
   * (escaped); in the subject and preheader the value itself.
   */
  email: { subject: string | undefined; preheader: string | undefined; body: string };
  format: 'html' | 'text';
  /** mjml's complaints about this email, located in the template. */
  problems: readonly TemplateProblem[];
  /** The body was compiled by mjml. */
  compiledMjml: boolean;
  /** The `lang` and `dir` the markup declares for all of its content (a text email declares none). */
  declared: DeclaredLanguage;
  /** Headers the front matter declares (List-Unsubscribe…), with their values' slots. */
  headers: readonly LayoutHeader[];
}

/** What a layout's analysis needs to know about the template. */
export interface LayoutTemplate {
  kind: TemplateKind;
  /** The path shown in findings. */
  file: string;
  /** Where it is on disk: mjml reads CSS and HTML includes beside it. */
  location: string;
  body: SourceText;
  /** The body parsed: an MJML body that did not is not compiled. */
  hasBody: boolean;
  /** Front matter gave the subject and preheader: then <mj-title> and <mj-preview> are not them. */
  frontMatter: { subject: boolean; preheader: boolean };
}

/** A layout, or the hollow slots that must be filled first because their values could change it. */
export type LayoutOutcome = { kind: 'layout'; layout: Omit<Layout, 'id'> } | { kind: 'fill'; slots: ReadonlySet<number> };

/**
 * Analyse one layout. MJML is compiled here, once per layout: a slot mjml would read
 * (an mj-* attribute, a style sheet) must be filled first, and so must a slot mjml did
 * not copy through whole. In HTML, a slot in an unquoted attribute or a style must be
 * filled too. Filled, a slot is part of the layout, and so of what recipients share.
 */
export async function analyseLayout(template: LayoutTemplate, sections: Partial<Record<Section, string>>): Promise<LayoutOutcome> {
  const body = sections.body ?? '';
  const problems: TemplateProblem[] = [];
  let html: string | undefined;
  // An MJML file without an <mjml> root is a fragment for <mj-include>: read it as markup.
  if (template.kind === 'mjml' && template.hasBody && body.includes('<mjml')) {
    const unsafe = mjmlUnsafeSlots(body);
    if (unsafe.size > 0) return { kind: 'fill', slots: unsafe };
    const compiled = await compileMjml(body, template.location);
    const origin: SourceRange = { file: template.file, start: template.body.origin, end: template.body.origin };
    if (compiled.ok) {
      if (!hollowSlotsIntact(compiled.html)) return { kind: 'fill', slots: new Set(hollowSpans(body).map((span) => span.slot)) };
      html = compiled.html;
      for (const problem of compiled.problems) {
        const start = locateMjmlProblem(problem, body, template.body);
        problems.push({ ruleId: 'invalid-mjml', message: `MJML: ${withoutValues(problem.message)}`, range: { file: template.file, start, end: start } });
      }
    } else {
      problems.push({ ruleId: 'invalid-mjml', message: `MJML could not be compiled: ${withoutValues(compiled.message)}`, range: origin });
    }
  }
  const placements: Placements = new Map();
  const place = (text: string | undefined, placement: 'subject' | 'preheader' | 'body'): void => {
    if (text === undefined) return;
    for (const id of markedUseIds(text).flat()) placements.set(id, (placements.get(id) ?? new Set()).add(placement));
  };
  place(sections.subject, 'subject');
  place(sections.preheader, 'preheader');
  const headers = analyseHeaders(sections.headers, placements);
  const blocks: { section: Section; parts: TextParts }[] = [];
  const addBlock = (section: Section, text: string | undefined): void => {
    if (text !== undefined && text.trim() !== '') blocks.push({ section, parts: splitMarkedText(text) });
  };
  const mjml = template.kind === 'mjml';
  if (template.kind === 'text') {
    place(body, 'body');
    addBlock('subject', sections.subject);
    addBlock('preheader', sections.preheader);
    addBlock('body', body);
    return {
      kind: 'layout',
      layout: {
        placements,
        blocks,
        links: [],
        email: { subject: sections.subject, preheader: sections.preheader, body },
        format: 'text',
        problems,
        compiledMjml: false,
        declared: { lang: undefined, dir: undefined },
        headers,
      },
    };
  }
  const analysed = analyseHtml(html ?? body, {
    mjml,
    titleIsSubject: mjml && !template.frontMatter.subject,
    previewIsPreheader: mjml && !template.frontMatter.preheader,
  });
  if (analysed.unsafeSlots.size > 0) return { kind: 'fill', slots: analysed.unsafeSlots };
  for (const [id, where] of analysed.placements) {
    const set = placements.get(id) ?? new Set();
    for (const placement of where) set.add(placement);
    placements.set(id, set);
  }
  // Without front matter, an MJML email's subject and preheader are its <mj-title> and <mj-preview>.
  const inbox = mjml && html !== undefined ? analysed.inbox : { subject: undefined, preheader: undefined };
  const subject = sections.subject ?? inbox.subject;
  const preheader = sections.preheader ?? inbox.preheader;
  addBlock('subject', subject);
  addBlock('preheader', preheader);
  for (const parts of analysed.blocks) blocks.push({ section: 'body', parts });
  return {
    kind: 'layout',
    layout: {
      placements,
      blocks,
      links: analysed.links,
      email: { subject, preheader, body: html ?? body },
      format: 'html',
      problems,
      compiledMjml: html !== undefined,
      declared: analysed.declared,
      headers,
    },
  };
}

/**
 * mjml's validator quotes the attribute value it rejects ("has invalid value: … for type
 * Color"); a value printed from a field must not reach a report, so the message keeps
 * the attribute and the type and drops the value.
 */
function withoutValues(message: string): string {
  const start = message.indexOf('has invalid value:');
  if (start === -1) return message;
  const type = message.lastIndexOf(' for type ');
  return `${message.slice(0, start)}has an invalid value${type > start ? message.slice(type) : ''}`.trimEnd();
}
