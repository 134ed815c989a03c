import type { RenderedEmail } from '../../engine/rendered-email.js';
import type { LintResult } from '../../model/finding.js';
import { worstSeverity } from '../../model/severity.js';
import { signedPoints } from '../score-scale.js';
import { escapeHtml } from './escape.js';
import { directionAttributes, highlightHtml, highlightText, TOKEN_STYLES, type HighlightContext, type PhraseNote } from './highlight.js';
import { tokenNotes, type TokenNote } from './token-notes.js';

/** An email as a standalone HTML document, every traced value highlighted in place. */
export function highlightedDocument(email: RenderedEmail, context: HighlightContext, options: { offline?: boolean } = {}): string {
  if (email.format === 'text') {
    return `<!doctype html><meta charset="utf-8"><style>${TOKEN_STYLES}body{margin:16px;font:14px/1.5 ui-monospace,monospace}</style><pre style="white-space:pre-wrap"${directionAttributes(email.language)}>${highlightText(email.traced.body, context)}</pre>\n`;
  }
  return highlightHtml(email.traced.body, context, { ...options, language: email.language });
}

/** `creeplint render --highlight`: the email itself, every personal value highlighted with its details. */
export function highlightedEmail(result: LintResult, email: RenderedEmail): string {
  return highlightedDocument(email, { useFields: email.useFields, notes: tokenNotes(result), phrases: phraseNotes(result, email) });
}

/** The copy's phrases that findings point at (a finding about the words, not a value), each with those findings' details. */
export function phraseNotes(result: LintResult, email: RenderedEmail): PhraseNote[] {
  const notes: PhraseNote[] = [];
  for (const phrase of email.phrases) {
    const findings = result.findings.filter(
      (finding) => !finding.suppressed && finding.field === undefined && finding.file === phrase.file && finding.line === phrase.line && finding.column === phrase.column,
    );
    const severity = worstSeverity(findings.map((finding) => finding.severity));
    if (severity === undefined) continue;
    // A phrase said three times is three findings with one message: its details say it once.
    const rows = new Set(findings.flatMap((finding) => [`${escapeHtml(finding.severity)}: ${escapeHtml(finding.message)}`, `try: ${escapeHtml(finding.suggestion)}`]));
    const points = findings.reduce((sum, finding) => sum + finding.points, 0);
    notes.push({ phrase: phrase.phrase, severity, details: [...rows, `points: ${signedPoints(points)}`].join('<br>'), at: `${phrase.file}:${phrase.line}:${phrase.column}` });
  }
  return notes;
}

/** One email as a preview shows it, for one result: what each field's highlight says, and the highlighted lines and document. */
export interface HighlightedView {
  notes: Map<string, TokenNote>;
  /** HTML of the subject and preheader lines; undefined when the email has none (or did not render). */
  subject: string | undefined;
  preheader: string | undefined;
  /** The email as a standalone document, remote content removed; undefined when it did not render. */
  document: string | undefined;
  /** The direction the email's text runs, and its language: the subject and preheader lines are laid out the same way. */
  direction: 'ltr' | 'rtl';
  language: string | undefined;
}

export function highlightedView(result: LintResult, email: RenderedEmail | undefined): HighlightedView {
  const notes = tokenNotes(result);
  const context: HighlightContext = { useFields: email?.useFields ?? new Map(), notes, phrases: email ? phraseNotes(result, email) : [] };
  return {
    notes,
    subject: email?.traced.subject === undefined ? undefined : highlightText(email.traced.subject, context),
    preheader: email?.traced.preheader === undefined ? undefined : highlightText(email.traced.preheader, context),
    document: email ? highlightedDocument(email, context, { offline: true }) : undefined,
    direction: email?.language.direction ?? 'ltr',
    language: email?.language.language,
  };
}
