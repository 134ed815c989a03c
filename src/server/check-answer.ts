import { countFindings } from '../engine/lint.js';
import type { RenderedEmail } from '../engine/rendered-email.js';
import type { LintResult, TemplateReport } from '../model/finding.js';
import { highlightedView } from '../report/html/highlighted-email.js';
import { reporterFor, type ReporterName } from '../report/index.js';
import type { CheckAnswer, CheckJob } from './check-job.js';

const CONTENT_TYPES: Readonly<Record<ReporterName, string>> = {
  stylish: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
  github: 'text/plain; charset=utf-8',
  junit: 'application/xml; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** The answer to a check, as the request asked for it: a report in a format, or the studio's views. */
export function answerFor(job: CheckJob, results: LintResult[], rendered: readonly (RenderedEmail | undefined)[], templates: TemplateReport[]): CheckAnswer {
  if (job.answer.kind === 'studio') {
    return {
      kind: 'studio',
      templates,
      views: results.map((result, index) => {
        const view = highlightedView(result, rendered[index]);
        return { result, preview: view.document, subject: view.subject, preheader: view.preheader, direction: view.direction, language: view.language };
      }),
    };
  }
  if (job.answer.kind !== 'report') throw new Error('a control twin is answered by controlAnswer, not from check results');
  const report = countFindings(results, templates);
  const body = reporterFor(job.answer.format)({ ...report, rendered }, { color: false, showValues: job.answer.showValues, cwd: job.templatesDir });
  return { kind: 'report', body, contentType: CONTENT_TYPES[job.answer.format], errorCount: report.errorCount, warningCount: report.warningCount };
}
