import type { SourceRange } from '../model/location.js';

/** A `creeplint-…` comment in a template. */
export interface Directive {
  kind: 'disable-next-line' | 'disable' | 'enable';
  /** Rule ids it names; empty means every rule. */
  rules: string[];
  /** The justification after ` -- `; required for disable directives. */
  reason: string | undefined;
  range: SourceRange;
}

const KINDS = ['creeplint-disable-next-line', 'creeplint-disable', 'creeplint-enable'] as const;

/**
 * Read a comment's text as a directive, ESLint-style, whichever language wrote the comment:
 * Handlebars `{{!-- creeplint-disable-next-line rule-a, rule-b -- why this is fine --}}`,
 * Liquid `{% # creeplint-disable-next-line rule -- why %}`, or, in HTML and MJML,
 * `<!-- creeplint-disable-next-line rule -- why -->` (html-directives.ts). Returns
 * undefined for every other comment.
 */
export function parseDirective(comment: string, range: SourceRange): Directive | undefined {
  const text = comment.trim();
  const word = text.split(/\s/u, 1)[0] ?? '';
  const kind = KINDS.find((candidate) => candidate === word);
  if (!kind) return undefined;
  const rest = text.slice(word.length);
  const separator = rest.indexOf(' -- ');
  const rulesText = separator === -1 ? rest : rest.slice(0, separator);
  const reason = separator === -1 ? undefined : rest.slice(separator + 4).trim() || undefined;
  const rules = rulesText
    .split(',')
    .map((rule) => rule.trim())
    .filter((rule) => rule !== '');
  return { kind: kind.replace('creeplint-', '') as Directive['kind'], rules, reason, range };
}
