import { evaluate } from '../engine/evaluate.js';
import { prepareTemplate } from '../engine/prepare.js';
import type { LintResult } from '../model/finding.js';
import { bandOf, totalScore } from '../score/score.js';
import { NO_PARTIALS } from '../template/partial-source.js';
import { splitTemplateSource, templateKindOf } from '../template/source.js';
import type { CheckJob } from './check-job.js';

/**
 * The results of a check that was stopped by a limit: one `render-error` finding per
 * recipient that says so. The template is not analysed again here (that may be what ran
 * away); only its front matter is read, for the purposes.
 */
export function stoppedResults(job: CheckJob, message: string): LintResult[] {
  const purposes = job.purposes ?? splitTemplateSource(job.file, job.template, templateKindOf(job.file) ?? 'html').purposes;
  const empty = prepareTemplate({ file: job.file, text: '', dataMap: job.dataMap, partials: NO_PARTIALS, settings: job.settings, purposes });
  const start = { line: 1, column: 1 };
  const problem = { ruleId: 'render-error' as const, message, range: { file: job.file, start, end: start }, stopped: true };
  const recipients = job.profiles.length > 0 ? job.profiles : [undefined];
  return recipients.map((profile) => {
    const result = evaluate(empty, { dataMap: job.dataMap, profile, now: new Date(job.now), render: undefined, shape: undefined, renderProblem: undefined, extraProblems: [problem] });
    const findings = result.findings.filter((finding) => finding.ruleId === 'render-error');
    const score = totalScore(findings.map((finding) => finding.points));
    return { ...result, fields: [], findings, score, band: bandOf(score) };
  });
}
