import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';

/**
 * The JSON contract (schema/report.schema.json). Messages name fields, never
 * values; with --show-values each finding also carries the `values` its field printed.
 */
export function formatJson(input: ReportInput, options: ReporterOptions): string {
  const results = options.showValues
    ? input.results.map((result, index) => ({
        ...result,
        findings: result.findings.map((finding) => {
          const values = finding.field === undefined ? undefined : input.rendered?.[index]?.values.get(finding.field);
          return values && values.length > 0 ? { ...finding, message: messageOf(finding, input, index, options), values: [...values] } : finding;
        }),
      }))
    : input.results;
  return `${JSON.stringify({ results, templates: input.templates, errorCount: input.errorCount, warningCount: input.warningCount }, null, 2)}\n`;
}
