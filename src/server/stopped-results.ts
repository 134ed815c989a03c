import { judgeRecipient } from '../engine/judge.js';
import { prepareTemplateLoading } from '../engine/prepare.js';
import { verdictOf } from '../engine/verdict.js';
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
export async function stoppedResults(job: CheckJob, message: string): Promise<LintResult[]> {
  const purposes = job.purposes ?? splitTemplateSource(job.file, job.template, templateKindOf(job.file) ?? 'html').purposes;
  const empty = await prepareTemplateLoading({ file: job.file, text: '', dataMap: job.dataMap, partials: NO_PARTIALS, settings: job.settings, purposes });
  const start = { line: 1, column: 1 };
  const problem = { ruleId: 'render-error' as const, message, range: { file: job.file, start, end: start }, stopped: true };
  const recipients = job.profiles.length > 0 ? job.profiles : [undefined];
  const results: LintResult[] = [];
  for (const profile of recipients) {
    const { result } = await judgeRecipient(empty, profile, { now: new Date(job.now), problems: [problem] });
    const findings = result.findings.filter((finding) => finding.ruleId === 'render-error');
    const score = totalScore(findings.map((finding) => finding.points));
    const { verdict, reasons } = verdictOf({ score, findings }, empty.settings.maxScore);
    results.push({ ...result, fields: [], findings, score, band: bandOf(score), verdict, holdReasons: reasons });
  }
  return results;
}
