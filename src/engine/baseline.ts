import type { Baseline, BaselineEntry, BaselineResult, BaselineTemplate } from '../model/baseline.js';
import type { Finding, LintResult, TemplateReport } from '../model/finding.js';
import { verdictOf } from './verdict.js';

export const BASELINE_FILE = '.creeplint-baseline.json';

function entryKey(entry: { ruleId: string; field?: string | null | undefined; placement?: string | null | undefined }): string {
  return [entry.ruleId, entry.field ?? '', entry.placement ?? ''].join('\u0000');
}

function resultKey(result: { template: string; profile: string | null }): string {
  return `${result.template}\u0000${result.profile ?? ''}`;
}

/** Today's unsuppressed findings, as a baseline: each template's own once, and each recipient's that are not the template's. */
export function buildBaseline(results: readonly LintResult[], templates: readonly TemplateReport[]): Baseline {
  return {
    version: 1,
    results: results.map((result) => ({
      template: result.template,
      profile: result.profile,
      score: result.score,
      findings: entriesOf(result.findings.filter((finding) => finding.scope !== 'template')),
    })),
    templates: templates.map((template) => ({ template: template.template, findings: entriesOf(template.findings) })),
  };
}

function entriesOf(findings: readonly Finding[]): BaselineEntry[] {
  const counts = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (finding.suppressed) continue;
    const key = entryKey(finding);
    const entry = counts.get(key) ?? { ruleId: finding.ruleId, field: finding.field ?? null, placement: finding.placement ?? null, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

const ACCEPTED = { kind: 'external' as const, justification: `accepted in ${BASELINE_FILE}` };

/** Mark as many of each entry's findings as it counted; returns the entries left over. */
function accept(
  findings: readonly Finding[],
  entries: readonly BaselineEntry[],
  also: (finding: Finding) => boolean = () => false,
): { findings: Finding[]; left: BaselineEntry[] } {
  const remaining = new Map(entries.map((entry) => [entryKey(entry), { ...entry }]));
  const marked = findings.map((finding): Finding => {
    if (finding.suppressed) return finding;
    if (also(finding)) return { ...finding, suppressed: ACCEPTED };
    const entry = remaining.get(entryKey(finding));
    if (!entry || entry.count === 0) return finding;
    entry.count -= 1;
    return { ...finding, suppressed: ACCEPTED };
  });
  return { findings: marked, left: [...remaining.values()].filter((entry) => entry.count > 0) };
}

export interface StaleEntry {
  template: string;
  profile: string | null;
  /** An entry of the template judged whole, not of one recipient's email. */
  wholeTemplate?: boolean | undefined;
  ruleId: string;
  field: string | null;
  placement: string | null;
  count: number;
}

/**
 * Mark findings the baseline accepted (as many of each as it counted) as suppressed by
 * it; they keep their points, so the score stays honest, but do not fail the run, and
 * settle the verdict again: a score above the maximum holds only if it rose above the
 * accepted one. Also returns the entries that no longer occur, for the emails checked in
 * this run.
 */
export function applyBaseline(
  results: readonly LintResult[],
  templates: readonly TemplateReport[],
  baseline: Baseline,
  maxScore: number,
): { results: LintResult[]; templates: TemplateReport[]; stale: StaleEntry[] } {
  const stale: StaleEntry[] = [];
  // Templates first: a recipient's finding that is the template's is accepted when the template's is.
  const byTemplate = new Map<string, BaselineTemplate>((baseline.templates ?? []).map((entry) => [entry.template, entry]));
  const acceptedOfTemplate = new Map<string, Set<string>>();
  const appliedTemplates = templates.map((template) => {
    const entries = byTemplate.get(template.template);
    if (!entries) return template;
    const { findings, left } = accept(template.findings, entries.findings);
    acceptedOfTemplate.set(template.template, new Set(findings.filter((finding) => finding.suppressed?.kind === 'external').map(entryKey)));
    for (const entry of left) stale.push({ template: template.template, profile: null, wholeTemplate: true, ...entry });
    return { ...template, findings };
  });
  const byResult = new Map<string, BaselineResult>(baseline.results.map((result) => [resultKey(result), result]));
  const applied = results.map((result) => {
    const accepted = byResult.get(resultKey(result));
    const ofTemplate = acceptedOfTemplate.get(result.template);
    if (!accepted && !ofTemplate) return result;
    const { findings, left } = accept(result.findings, accepted?.findings ?? [], (finding) => finding.scope === 'template' && ofTemplate?.has(entryKey(finding)) === true);
    for (const entry of left) stale.push({ template: result.template, profile: result.profile, ...entry });
    // An accepted error no longer holds the email; a score above the maximum holds it only if it rose.
    const { verdict, reasons } = verdictOf({ score: result.score, findings }, maxScore, accepted?.score);
    return { ...result, verdict, holdReasons: reasons, findings };
  });
  return { results: applied, templates: appliedTemplates, stale };
}
