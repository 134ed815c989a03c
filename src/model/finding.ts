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
  /** Points this finding adds to the score (see docs/scoring.md); 0 when suppressed in the template. */
  points: number;
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

export interface LintReport {
  results: LintResult[];
  errorCount: number;
  warningCount: number;
}
