import { createHash } from 'node:crypto';
import type { LintResult } from '../model/finding.js';
import { VERSION } from '../version.js';
import { reportPath } from './paths.js';
import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';
import { heldEmailMessage, heldForScore, MAX_SCORE_ID, MAX_WARNINGS_ID, maxWarningsMessage } from './run-facts.js';
import { LEVELS, NOTIFICATIONS, ruleDescriptors } from './sarif-rules.js';
import { shownFindings, withReach } from './template-findings.js';

/**
 * The email a finding is about, as a logical location: a recipient's email (`template ×
 * profile`), the template judged over every branch, or the template checked on its own;
 * the placement within it (`…#subject`) when the finding has one.
 */
function logicalLocation(template: string, result: LintResult | undefined, placement: string | undefined): { name: string; kind: string; fullyQualifiedName: string } {
  const email = result === undefined ? `${template} (every branch)` : result.profile === null ? template : `${template} × ${result.profile}`;
  if (placement !== undefined) return { name: placement, kind: 'member', fullyQualifiedName: `${email}#${placement}` };
  return { name: result === undefined ? 'every branch' : (result.profile ?? template), kind: 'module', fullyQualifiedName: email };
}

/** A stable fingerprint: what the finding is and whose, never where it sits (a line moves with every edit above it). */
function fingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/**
 * SARIF 2.1.0 for code scanning: every rule with its description, documentation (the
 * rule's doc as markdown), help URI and tags; one result per finding with its physical
 * location (template or partial, line and column), the email and placement as a logical
 * location, and a fingerprint of its own; a `max-score` result at the template's first
 * line for each email held for its score; and the invocation with the exit code and
 * notifications (inputs that could not be read, more warnings than --max-warnings allows).
 */
export function formatSarif(input: ReportInput, options: ReporterOptions): string {
  const descriptors = ruleDescriptors();
  const ruleIndex = new Map(descriptors.map((rule, index) => [rule.id, index]));
  // Findings that would share a fingerprint (the same phrase twice in one email) are told apart by their order.
  const seen = new Map<string, number>();
  const findingResults = shownFindings(input).map(({ finding, template, result, resultIndex }) => {
    const templatePath = reportPath(template, options.cwd);
    const properties: Record<string, unknown> = {
      template: templatePath,
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
    const identity = [
      templatePath,
      result === undefined ? '(every branch)' : (result.profile ?? ''),
      finding.ruleId,
      reportPath(finding.file, options.cwd),
      finding.field ?? '',
      finding.placement ?? '',
      finding.message,
    ];
    const key = identity.join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const said = resultIndex === undefined ? finding.message : messageOf(finding, input, resultIndex, options);
    return {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
      level: LEVELS[finding.severity],
      message: {
        text: `${result === undefined ? withReach(said, finding, template) : said}. ${finding.why} ${finding.suggestion}`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: reportPath(finding.file, options.cwd), uriBaseId: '%SRCROOT%' },
            region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: Math.max(finding.endColumn, finding.column) },
          },
          logicalLocations: [logicalLocation(templatePath, result, finding.placement)],
        },
      ],
      ...(finding.suppressed ? { suppressions: [{ kind: finding.suppressed.kind, justification: finding.suppressed.justification }] } : {}),
      partialFingerprints: { 'creeplintFinding/v1': fingerprint([...identity, String(occurrence)]) },
      properties: Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined)),
    };
  });
  const scoreResults = input.results.filter(heldForScore).map((result) => scoreResult(result, input, options, ruleIndex.get(MAX_SCORE_ID) ?? -1));
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
            rules: descriptors,
            notifications: NOTIFICATIONS,
          },
        },
        invocations: [invocation(input, options)],
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${options.cwd.split('\\').join('/').replace(/\/?$/u, '/')}` } },
        results: [...findingResults, ...scoreResults],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** An email held for its score: a result of the `max-score` pseudo-rule. */
function scoreResult(result: LintResult, input: ReportInput, options: ReporterOptions, ruleIndex: number): Record<string, unknown> {
  const templatePath = reportPath(result.template, options.cwd);
  return {
    ruleId: MAX_SCORE_ID,
    ruleIndex,
    level: 'error',
    message: { text: heldEmailMessage(result, input.run) },
    locations: [
      {
        // Code scanning needs a place in a file: the template's first line stands for the email.
        physicalLocation: { artifactLocation: { uri: templatePath, uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } },
        logicalLocations: [logicalLocation(templatePath, result, undefined)],
      },
    ],
    partialFingerprints: { 'creeplintFinding/v1': fingerprint([templatePath, result.profile ?? '', MAX_SCORE_ID]) },
    properties: {
      template: templatePath,
      profile: result.profile,
      score: result.score,
      band: result.band,
      ...(input.run?.maxScore === undefined ? {} : { maxScore: input.run.maxScore }),
    },
  };
}

/**
 * How the run went: its exit code when the CLI gives it, and a notification for each input
 * that could not be read (the execution then did not succeed) and for more warnings than
 * --max-warnings allows.
 */
function invocation(input: ReportInput, options: ReporterOptions): Record<string, unknown> {
  const notifications: Record<string, unknown>[] = (input.problems ?? []).map((problem) => ({
    level: 'error',
    message: { text: problem.message },
    descriptor: { id: 'input-error', index: 0 },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: reportPath(problem.file, options.cwd), uriBaseId: '%SRCROOT%' },
          ...(problem.line === undefined ? {} : { region: { startLine: problem.line, ...(problem.column === undefined ? {} : { startColumn: problem.column }) } }),
        },
      },
    ],
  }));
  const exceeded = input.run?.maxWarningsExceeded;
  if (exceeded !== undefined)
    notifications.push({ level: 'error', message: { text: `The run fails: ${maxWarningsMessage(exceeded)}.` }, descriptor: { id: MAX_WARNINGS_ID, index: 1 } });
  return {
    executionSuccessful: (input.problems ?? []).length === 0 && input.run?.exitCode !== 2,
    ...(input.run === undefined ? {} : { exitCode: input.run.exitCode }),
    ...(notifications.length === 0 ? {} : { toolExecutionNotifications: notifications }),
  };
}
