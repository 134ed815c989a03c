import type { SourceRange } from '../model/location.js';
import type { Section, UseKind } from '../model/vocabulary.js';
import type { TemplateLanguageName } from './source.js';

/** One place where a template reads a field. */
export interface TokenUse {
  /** Unique within one analysed template; carried by the render markers. */
  id: number;
  /** Data-map form of the path: `order.items[].name`. */
  field: string;
  kind: UseKind;
  /** The helper this value is an argument of, for `helper-arg` uses. */
  helper?: string | undefined;
  /** Which part of the template source the use sits in. */
  section: Section;
  /** The path as written in the template, e.g. `../first_name`. */
  expression: string;
  /**
   * Read from data the sender's platform fetches from another company when it sends
   * (Braze's `connected_content`, `catalog_items`): third-party data unless the data map
   * describes the field.
   */
  fetched?: boolean | undefined;
  /** Purposes of the `{{#ifConsent "…"}}` blocks (or Liquid `{% if consent.… %}` arms) the use sits in. */
  consentGuards?: string[] | undefined;
  /**
   * The branch arms a recipient must take for this use to be read, as `branch id:arm`
   * (TemplateAnalysis.branches), outermost first; absent when every recipient reads it.
   */
  arms?: readonly string[] | undefined;
  range: SourceRange;
}

/** Add a problem unless one of the same rule is already reported at the same place (a partial called twice). */
export function addProblem(problems: TemplateProblem[], problem: TemplateProblem): void {
  const { ruleId, range } = problem;
  const duplicate = problems.some(
    (known) => known.ruleId === ruleId && known.range.file === range.file && known.range.start.line === range.start.line && known.range.start.column === range.start.column,
  );
  if (!duplicate) problems.push(problem);
}

/** Something the analysis could not understand, reported as a finding at its place. */
export interface TemplateProblem {
  ruleId: 'parse-error' | 'no-unknown-helper' | 'no-missing-partial' | 'invalid-mjml' | 'render-error' | 'invalid-recipient';
  message: string;
  range: SourceRange;
  /** The helper or partial the problem is about, for messages and grouping. */
  subject?: string | undefined;
  /** The language whose parser reported it (a parse error): advice in that language's words. */
  language?: TemplateLanguageName | undefined;
  /** A render stopped by a time or memory limit: the advice differs from that for a failed one. */
  stopped?: boolean | undefined;
  /** The problem is in the front matter (YAML), not in the template language: the advice is about YAML. */
  inFrontMatter?: boolean | undefined;
}
