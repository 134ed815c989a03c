import type { FieldRole } from './datamap.js';
import type { Severity } from './severity.js';
import type { Band, Placement, Source, UseKind } from './vocabulary.js';

/** One judgement. Locations are 1-based in `file` (the template, or the partial the token sits in). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** What is wrong, naming the field, never the customer's value. */
  message: string;
  /** Why it matters to the reader of the email. */
  why: string;
  /** What to do instead. */
  suggestion: string;
  field?: string | undefined;
  category?: string | undefined;
  source?: Source | undefined;
  placement?: Placement | undefined;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * How intrusive this finding is on its own, 0–100, by its rule's formula
   * (docs/scoring.md); it never depends on the level a configuration sets.
   */
  weight: number;
  /**
   * What it is an intrusion of: findings with the same key count as one intrusion (the
   * same rule about one record or list, or the same kind of copy), however many fields
   * or repeats express it.
   */
  intrusion: string;
  /** Points this finding adds to the score: its share, heaviest first (docs/scoring.md); 0 when suppressed in the template. */
  points: number;
  /** A credit (an explanation of the data use): the share it takes off the weight of the findings it covers. */
  credit?: { share: number; rules: string[]; fields: string[] } | undefined;
  /** The branch arm the token sits in: the finding applies to recipients who reach it. */
  branch?: BranchArm | undefined;
  /**
   * `template` when the finding does not depend on the recipient: it is judged once over
   * every branch of the template (the report's `templates` list) and shown there once.
   */
  scope?: 'template' | undefined;
  docsUrl: string;
  /**
   * Present when the finding is suppressed: in the template by a justified
   * `creeplint-disable` comment (`inSource`, no points), or by the baseline file
   * (`external`, points kept). Suppressed findings stay in the report and do not fail the run.
   */
  suppressed?: { kind: 'inSource' | 'external'; justification: string } | undefined;
}

/** A field the template reads, as the data map describes it, and where it landed. */
export interface FieldReport {
  field: string;
  category: string | null;
  source: Source | null;
  /** The purposes the data map lets this field serve. */
  purposes: string[];
  /** The field's role in the data map, when it is the unsubscribe, preferences or privacy-notice link. */
  role?: FieldRole | undefined;
  uses: UseKind[];
  placements: Placement[];
}

export interface LintResult {
  template: string;
  /** The profile's id, or null when the template was checked without a profile. */
  profile: string | null;
  purposes: string[];
  score: number;
  band: Band;
  /**
   * `hold` when an unsuppressed error applies or the score is above the maximum
   * (`max-score`, 74 by default): the email must not go to this recipient as it is.
   */
  verdict: 'send' | 'hold';
  /** Why it is held: the rule ids of its errors, and `max-score` when the score alone would hold it. */
  holdReasons: string[];
  fields: FieldReport[];
  findings: Finding[];
}

/** One arm of a place where the template chooses what to show. */
export interface BranchArm {
  /** Where the choice is written (the `{{#if}}`, the `{% case %}`). */
  file: string;
  line: number;
  column: number;
  /** The construct: `if`, `unless`, `each`, `with`, `ifConsent`, a section, a helper. */
  kind: string;
  /** The arm, in the template's words: `else if diagnosis`. */
  arm: string;
}

/** A place where the template chooses what to show, and how many of the given profiles took each arm. */
export interface BranchCoverage {
  file: string;
  line: number;
  column: number;
  kind: string;
  arms: { arm: string; profiles: number }[];
}

/** The judgement of a template as a whole: what does not depend on the recipient, over every branch. */
export interface TemplateReport {
  template: string;
  /** Each applies to every recipient who reaches its `branch` (all of them when it has none). */
  findings: Finding[];
  branches: BranchCoverage[];
  /** How many profiles the branches were reached with (0: the template was checked on its own). */
  profiles: number;
}

export interface LintReport {
  results: LintResult[];
  /** One per template, judged whole; its findings are counted once, here, not per profile. */
  templates: TemplateReport[];
  errorCount: number;
  warningCount: number;
}
