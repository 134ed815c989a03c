import type { Severity } from '../model/severity.js';
import { DOCS_BASE_URL } from '../engine/findings.js';
import { RULES } from '../rules/index.js';
import { VERSION } from '../version.js';
import { reportPath } from './paths.js';
import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';
import { reachOf, shownFindings } from './template-findings.js';
import type { Finding } from '../model/finding.js';

/** " (for recipients who reach `else if diagnosis` (line 6))", for a template's own finding inside a branch. */
function reachText(finding: Finding, template: string): string {
  const reach = reachOf(finding, template);
  return reach === undefined ? '' : ` (${reach})`;
}

const LEVELS: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for code scanning: every rule with its description and help URI, one
 * result per finding with its physical location (template or partial, line and column)
 * and the email placement as a logical location.
 */
export function formatSarif(input: ReportInput, options: ReporterOptions): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.meta.id, index]));
  const results = shownFindings(input).map(({ finding, template, result, resultIndex }) => {
      const properties: Record<string, unknown> = {
        template: reportPath(template, options.cwd),
        profile: result === undefined ? null : result.profile,
        weight: finding.weight,
        points: result === undefined ? undefined : finding.points,
        score: result?.score,
        band: result?.band,
      };
      if (result === undefined) properties['scope'] = 'template';
      if (finding.branch) properties['branch'] = { ...finding.branch, file: reportPath(finding.branch.file, options.cwd) };
      if (finding.field !== undefined) properties['field'] = finding.field;
      if (finding.category !== undefined) properties['category'] = finding.category;
      if (finding.source !== undefined) properties['source'] = finding.source;
      if (finding.placement !== undefined) properties['placement'] = finding.placement;
      return {
        ruleId: finding.ruleId,
        ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
        level: LEVELS[finding.severity],
        message: { text: `${resultIndex === undefined ? finding.message : messageOf(finding, input, resultIndex, options)}${result === undefined ? reachText(finding, template) : ''}. ${finding.why} ${finding.suggestion}` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: reportPath(finding.file, options.cwd), uriBaseId: '%SRCROOT%' },
              region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: Math.max(finding.endColumn, finding.column) },
            },
            logicalLocations: finding.placement === undefined ? [] : [{ name: finding.placement, kind: 'member', fullyQualifiedName: `${result?.profile ?? 'template'}/${finding.placement}` }],
          },
        ],
        ...(finding.suppressed ? { suppressions: [{ kind: finding.suppressed.kind, justification: finding.suppressed.justification }] } : {}),
        partialFingerprints: { creeplintFinding: [reportPath(template, options.cwd), finding.ruleId, finding.field ?? '', finding.placement ?? '', result === undefined ? '(every branch)' : (result.profile ?? '')].join('|') },
        properties: Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined)),
      };
    });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'creeplint',
            version: VERSION,
            informationUri: 'https://github.com/creeplint/creeplint',
            rules: RULES.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id,
              shortDescription: { text: rule.meta.description },
              fullDescription: { text: rule.meta.description },
              helpUri: `${DOCS_BASE_URL}/${rule.meta.id}.md`,
              defaultConfiguration: { level: LEVELS[rule.meta.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${options.cwd.split('\\').join('/').replace(/\/?$/u, '/')}` } },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
