/**
 * `.creeplint-baseline.json`: the findings a team accepted on a day, by template,
 * profile, rule, field and placement (never line numbers, so edits above a finding do
 * not break it), with how many of each and the score each email had.
 */
export interface Baseline {
  version: 1;
  results: BaselineResult[];
  /** Findings of templates judged whole (the report's `templates`), accepted once per template. */
  templates?: BaselineTemplate[] | undefined;
}

export interface BaselineTemplate {
  template: string;
  findings: BaselineEntry[];
}

export interface BaselineResult {
  template: string;
  profile: string | null;
  score: number;
  findings: BaselineEntry[];
}

export interface BaselineEntry {
  ruleId: string;
  field: string | null;
  placement: string | null;
  count: number;
}
