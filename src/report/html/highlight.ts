import { load } from 'cheerio/slim';
import type { EmailLanguage } from '../../copy/language.js';
import type { AnyNode } from 'domhandler';
import { ElementType } from 'domelementtype';
import { worstSeverity, type Severity } from '../../model/severity.js';
import type { Document } from 'domhandler';
import { contentWrappers } from '../../template/declared-language.js';
import { phraseSpans } from '../../copy/phrases.js';
import { hasMarkers, splitMarkedText, stripMarkers } from '../../template/markers.js';
import { escapeHtml } from './escape.js';
import type { TokenNote } from './token-notes.js';

export interface HighlightContext {
  useFields: ReadonlyMap<number, string>;
  notes: ReadonlyMap<string, TokenNote>;
  /** Risky phrases of the copy with the findings about them: marked where the reader sees them, as values are. */
  phrases?: readonly PhraseNote[] | undefined;
}

/** A phrase of the copy a finding is about, what its highlight says, and where the finding points (`file:line:column`). */
export interface PhraseNote {
  phrase: string;
  severity: Severity;
  /** HTML, already escaped. */
  details: string;
  at: string;
}

/** Styles the preview adds inside the email so highlights and their details need no script. */
export const TOKEN_STYLES = `
.creeplint-token{position:relative;border-radius:3px;padding:0 2px;outline-offset:2px;cursor:help;color:inherit}
.creeplint-error{background:#fecaca;box-shadow:inset 0 -2px #dc2626}
.creeplint-warning{background:#fde68a;box-shadow:inset 0 -2px #d97706}
.creeplint-info{background:#bfdbfe;box-shadow:inset 0 -2px #2563eb}
.creeplint-ok{background:#bbf7d0;box-shadow:inset 0 -2px #16a34a}
.creeplint-tip{display:none;position:absolute;left:0;top:100%;z-index:1000;min-width:16em;max-width:28em;margin-top:4px;padding:8px 10px;border-radius:6px;background:#111827;color:#f9fafb;font:12px/1.45 system-ui,sans-serif;text-align:left;white-space:normal;box-shadow:0 4px 14px rgba(0,0,0,.3)}
.creeplint-phrase{position:relative;border-radius:3px;cursor:help;color:inherit;text-decoration:underline wavy;text-decoration-thickness:1px;text-underline-offset:3px}
.creeplint-token:hover .creeplint-tip,.creeplint-token:focus .creeplint-tip,.creeplint-token:focus-within .creeplint-tip,.creeplint-phrase:hover .creeplint-tip,.creeplint-phrase:focus .creeplint-tip{display:block}
.creeplint-token:focus,.creeplint-phrase:focus{outline:2px solid #111827}
.creeplint-current{outline:3px solid #111827;outline-offset:2px}
`;

/**
 * A traced value as a highlight, coloured by its worst finding, with its details on hover
 * and focus. The value is isolated (<bdi>): a Latin name in an Arabic sentence, or an
 * Arabic one in an English sentence, keeps its own direction without reordering the
 * words around it. The details are English, left to right, whatever the value.
 */
export function markHtml(ids: readonly number[], text: string, context: HighlightContext): string {
  const fields = [...new Set(ids.map((id) => context.useFields.get(id)).filter((field): field is string => field !== undefined))];
  const notes = fields.map((field) => context.notes.get(field)).filter((note): note is TokenNote => note !== undefined);
  const severities = notes.map((note) => note.severity).filter((severity): severity is Severity => severity !== 'ok');
  const severity = worstSeverity(severities) ?? 'ok';
  const details = notes.map((note) => note.details).join('<hr>') || escapeHtml(fields.join(', '));
  return `<bdi><mark class="creeplint-token creeplint-${severity}" tabindex="0" data-field="${escapeHtml(fields.join(' '))}" data-severity="${severity}">${escapeHtml(text)}<span class="creeplint-tip" role="tooltip" dir="ltr" lang="en">${details}</span></mark></bdi>`;
}

/** Plain text (subject, preheader, text emails) with its traced values and risky phrases highlighted, as HTML. */
export function highlightText(traced: string, context: HighlightContext): string {
  return splitMarkedText(traced)
    .map((segment) => (segment.kind === 'text' ? phrasesHtml(segment.text, context) : segment.kind === 'value' ? markHtml(segment.ids, segment.text, context) : ''))
    .join('');
}

/** Where the context's phrases are in a text, first first; a phrase inside an earlier one is left to it. */
function phrasesIn(text: string, context: HighlightContext): { start: number; end: number; note: PhraseNote }[] {
  const found = (context.phrases ?? []).flatMap((note) => phraseSpans(note.phrase, text).map((span) => ({ ...span, note })));
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof found = [];
  for (const span of found) if ((kept.at(-1)?.end ?? -1) <= span.start) kept.push(span);
  return kept;
}

/** Text as HTML, each risky phrase in it marked with its findings on hover and focus. */
function phrasesHtml(text: string, context: HighlightContext): string {
  let html = '';
  let from = 0;
  for (const { start, end, note } of phrasesIn(text, context)) {
    html += `${escapeHtml(text.slice(from, start))}<mark class="creeplint-phrase creeplint-${note.severity}" tabindex="0" data-at="${escapeHtml(note.at)}" data-severity="${note.severity}">${escapeHtml(text.slice(start, end))}<span class="creeplint-tip" role="tooltip" dir="ltr" lang="en">${note.details}</span></mark>`;
    from = end;
  }
  return html + escapeHtml(text.slice(from));
}

const NO_MARKS_INSIDE = new Set(['head', 'title', 'style', 'script', 'textarea', 'option', 'select']);

/**
 * The email's HTML with every traced value in visible text highlighted in place. Values
 * in attributes (URLs, alt text) and in the head cannot be highlighted there; their
 * markers are removed and the report lists them beside the preview.
 */
export function highlightHtml(traced: string, context: HighlightContext, options: { offline?: boolean; language?: EmailLanguage | undefined } = {}): string {
  // Characters stay themselves (an Arabic email is not six times its size in numeric entities); markup characters are escaped.
  const $ = load(traced, { xml: { xmlMode: false, decodeEntities: true, encodeEntities: 'utf8' } });
  if (options.offline) keepOffline($);
  const visit = (nodes: readonly AnyNode[], marksAllowed: boolean): void => {
    for (const node of [...nodes]) {
      if (node.type === ElementType.Text) {
        const marked = hasMarkers(node.data);
        if (marksAllowed && (marked || phrasesIn(node.data, context).length > 0)) $(node).replaceWith(highlightText(node.data, context));
        else if (marked) node.data = stripMarkers(node.data);
      } else if (node.type === ElementType.Comment) {
        node.data = stripMarkers(node.data);
      } else if (node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style) {
        for (const [name, value] of Object.entries(node.attribs)) node.attribs[name] = stripMarkers(value);
        visit(node.children, marksAllowed && !NO_MARKS_INSIDE.has(node.name.toLowerCase()));
      } else if ('children' in node) {
        visit(node.children, marksAllowed);
      }
    }
  };
  visit($.root()[0]?.children ?? [], true);
  const style = `<style>${TOKEN_STYLES}</style>`;
  const rtl = options.language?.direction === 'rtl';
  if (rtl) {
    // A right-to-left email whose markup does not say so (its language was read from its words, or it
    // says dir="auto", as mjml does by default) is shown right to left, as its readers' mail clients should.
    for (const wrapper of contentWrappers($.root()[0] as Document)) if ((wrapper.attribs['dir'] ?? 'auto').trim().toLowerCase() === 'auto') wrapper.attribs['dir'] = 'rtl';
  }
  const html = $('html');
  if (html.length === 0)
    return rtl ? `<!doctype html><html${directionAttributes(options.language)}><head><meta charset="utf-8">${style}</head><body>${$.html()}</body></html>` : `${style}${$.html()}`;
  if ($('head').length > 0) $('head').append(style);
  else html.prepend(`<head>${style}</head>`);
  return $.html();
}

/** ` dir="rtl" lang="…"` for an email that is right to left. */
export function directionAttributes(language: EmailLanguage | undefined): string {
  if (language?.direction !== 'rtl') return '';
  return ` dir="rtl"${language.language === undefined ? '' : ` lang="${escapeHtml(language.language)}"`}`;
}

/** A transparent placeholder for remote images, so a preview makes no network request. */
const BLOCKED_IMAGE = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="100%" height="100%" fill="#e5e7eb"/><text x="50%" y="55%" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#6b7280">remote image</text></svg>')}`;

function isRemote(url: string | undefined): boolean {
  return url !== undefined && /^\s*(https?:)?\/\//iu.test(url);
}

/** Drop remote stylesheets and swap remote images for a placeholder: the preview stays on this machine. */
function keepOffline($: ReturnType<typeof load>): void {
  $('link').each((_, element) => {
    if (isRemote(element.attribs['href'])) $(element).remove();
  });
  $('img, input[type=image]').each((_, element) => {
    if (isRemote(element.attribs['src'])) element.attribs['src'] = BLOCKED_IMAGE;
    delete element.attribs['srcset'];
  });
  $('[background]').each((_, element) => {
    if (isRemote(element.attribs['background'])) delete element.attribs['background'];
  });
  $('style').each((_, element) => {
    const text = $(element).text();
    const kept = withoutImports(text);
    if (kept !== text) $(element).text(kept);
  });
}

/**
 * A stylesheet without its leading @import rules (mjml imports web fonts that way).
 * CSS allows @import only before every other rule, so it is enough to read statements
 * from the start, skipping white space, comments and HTML comment markers.
 */
export function withoutImports(css: string): string {
  let index = 0;
  for (;;) {
    const rest = css.slice(index);
    const trimmed = rest.trimStart();
    index += rest.length - trimmed.length;
    if (trimmed.startsWith('/*')) {
      const end = css.indexOf('*/', index + 2);
      if (end === -1) return css;
      index = end + 2;
    } else if (trimmed.startsWith('<!--') || trimmed.startsWith('-->')) {
      index += trimmed.startsWith('<!--') ? 4 : 3;
    } else if (trimmed.toLowerCase().startsWith('@import')) {
      const end = css.indexOf(';', index);
      if (end === -1) return css.slice(0, index);
      css = css.slice(0, index) + css.slice(end + 1);
    } else {
      return css;
    }
  }
}
