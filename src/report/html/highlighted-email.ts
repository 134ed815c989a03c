import type { RenderedEmail } from '../../engine/rendered-email.js';
import type { LintResult } from '../../model/finding.js';
import { highlightHtml, highlightText, TOKEN_STYLES, type HighlightContext } from './highlight.js';
import { tokenNotes } from './token-notes.js';

/** An email as a standalone HTML document, every traced value highlighted in place. */
export function highlightedDocument(email: RenderedEmail, context: HighlightContext, options: { offline?: boolean } = {}): string {
  if (email.format === 'text') {
    return `<!doctype html><meta charset="utf-8"><style>${TOKEN_STYLES}body{margin:16px;font:14px/1.5 ui-monospace,monospace}</style><pre style="white-space:pre-wrap">${highlightText(email.traced.body, context)}</pre>\n`;
  }
  return highlightHtml(email.traced.body, context, options);
}

/** `creeplint render --highlight`: the email itself, every personal value highlighted with its details. */
export function highlightedEmail(result: LintResult, email: RenderedEmail): string {
  return highlightedDocument(email, { useFields: email.useFields, notes: tokenNotes(result) });
}
