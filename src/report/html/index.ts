import type { RenderedEmail } from '../../engine/rendered-email.js';
import type { Finding, LintResult, TemplateReport } from '../../model/finding.js';
import type { ReporterOptions, ReportInput } from '../report-input.js';
import { severityRank } from '../../model/severity.js';
import { BAND_LOOKS, scaleStyles, signedPoints } from '../score-scale.js';
import { reportPath } from '../paths.js';
import { escapeHtml } from './escape.js';
import { TOKEN_STYLES } from './highlight.js';
import { highlightedView } from './highlighted-email.js';
import { PAGE_SCRIPT, PAGE_STYLES } from './page-assets.js';
import { tokenNotes } from './token-notes.js';
import { coverageLines, reachOf } from '../template-findings.js';

/**
 * One self-contained HTML page: per template and profile, the inbox row, a score gauge,
 * the email in a sandboxed frame with every personal value highlighted in place, the
 * values that are not visible listed beside it, and a sortable findings table. It shows
 * customers' values: it is a local preview for the people who own the data. Everything
 * from a template or profile is escaped, and the email renders with scripts disabled.
 */
export function formatHtml(input: ReportInput, options: ReporterOptions): string {
  const profiles = [...new Set(input.results.map((result) => result.profile ?? ''))];
  const switcher =
    profiles.length > 1
      ? `<label>Profile <select id="profile-switch"><option value="">all</option>${profiles.map((profile) => `<option value="${escapeHtml(profile)}">${escapeHtml(profile || 'no profile')}</option>`).join('')}</select></label>`
      : '';
  const templates = new Map(input.templates.map((template) => [template.template, template]));
  const introduced = new Set<string>();
  const sections = input.results
    .map((result, index) => {
      // A template's own findings and the branches the profiles reached, before its first email.
      const whole = templates.get(result.template);
      const before = whole && !introduced.has(whole.template) ? templateSection(whole, options) : '';
      if (whole) introduced.add(whole.template);
      return before + emailSection(result, input.rendered?.[index], options);
    })
    .join('\n');
  const summary = `${input.results.length} email${input.results.length === 1 ? '' : 's'} · ${input.errorCount} error${input.errorCount === 1 ? '' : 's'} · ${input.warningCount} warning${input.warningCount === 1 ? '' : 's'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; frame-src 'self' about: data:; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>creeplint report</title>
<style>${PAGE_STYLES}${scaleStyles()}${TOKEN_STYLES}</style>
</head>
<body>
<header class="page"><h1>creeplint</h1><span class="summary">${summary}</span>${switcher}</header>
<main>
${sections}
</main>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function emailSection(result: LintResult, rendered: RenderedEmail | undefined, options: ReporterOptions): string {
  const view = highlightedView(result, rendered);
  const template = reportPath(result.template, options.cwd);
  const subject = view.subject ?? '<i>(no subject)</i>';
  const preheader = view.preheader ?? '';
  // The inbox row of a right-to-left email runs right to left, as a mail client shows it.
  const lines = view.direction === 'rtl' ? ` dir="rtl"${view.language === undefined ? '' : ` lang="${escapeHtml(view.language)}"`}` : '';
  const preview =
    view.document !== undefined
      ? `<iframe class="preview" title="${escapeHtml(`${template} for ${result.profile ?? 'no profile'}`)}" sandbox="" srcdoc="${escapeHtml(view.document)}"></iframe>`
      : '<p>This email could not be rendered; see the findings.</p>';
  return `<section class="email" data-profile="${escapeHtml(result.profile ?? '')}" data-template="${escapeHtml(template)}">
<div class="email-head">
  <div class="inbox" aria-label="Inbox row"><div class="meta"><code>${escapeHtml(template)}</code> · ${escapeHtml(result.profile ?? 'no profile')} · ${escapeHtml(result.purposes.join(', ') || 'no purpose')}</div>
    <div class="subject"${lines}>${subject}</div><div class="preheader"${lines}>${preheader}</div></div>
  ${gauge(result)}
</div>
<div class="body">
  ${preview}
  ${unseenValues(result, rendered, view.notes)}
</div>
${findingsTable(result, template, options)}
</section>`;
}

/** A template judged whole: what applies to every recipient who reaches each branch, and the branches the profiles reached. */
function templateSection(whole: TemplateReport, options: ReporterOptions): string {
  const coverage = coverageLines(whole);
  if (whole.findings.length === 0 && coverage.length === 0) return '';
  const template = reportPath(whole.template, options.cwd);
  const reached = coverage.length > 0 ? `<ul class="coverage">${coverage.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : '';
  const rows = whole.findings.map((finding) => findingRow(finding, template, options, 'weight', reachOf(finding, whole.template)));
  const table =
    rows.length > 0
      ? `<table class="sortable"><thead><tr><th data-sort="severity"><button type="button">Severity</button></th><th data-sort="points"><button type="button">Weight</button></th><th>Where</th><th>What</th><th>Rule</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : '';
  return `<section class="template-whole" data-template="${escapeHtml(template)}">
<h2><code>${escapeHtml(template)}</code> · every branch</h2>
<p>Judged whole, whatever the recipient: each finding applies to every recipient who reaches its branch.</p>
${reached}
<div class="findings">${table}</div>
</section>
`;
}

/** A half-circle gauge: the score on the four bands. */
function gauge(result: LintResult): string {
  const angle = Math.PI * (1 - result.score / 100);
  const x = 60 + 48 * Math.cos(angle);
  const y = 60 - 48 * Math.sin(angle);
  const arc = ({ from, to, colour }: { from: number; to: number; colour: string }): string => {
    const a = Math.PI * (1 - from / 100);
    const b = Math.PI * (1 - to / 100);
    return `<path d="M ${(60 + 48 * Math.cos(a)).toFixed(1)} ${(60 - 48 * Math.sin(a)).toFixed(1)} A 48 48 0 0 1 ${(60 + 48 * Math.cos(b)).toFixed(1)} ${(60 - 48 * Math.sin(b)).toFixed(1)}" stroke="${colour}" stroke-width="12" fill="none"/>`;
  };
  return `<div class="gauge" role="img" aria-label="Score ${result.score} of 100: ${result.band}">
<svg viewBox="0 0 120 66" width="180" aria-hidden="true">${BAND_LOOKS.map(arc).join('')}
<line x1="60" y1="60" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#111827" stroke-width="3" stroke-linecap="round"/><circle cx="60" cy="60" r="4" fill="#111827"/></svg>
<div class="value">${result.score}</div><div class="band band-${result.band}">${result.band}</div></div>`;
}

/** Values used only as conditions, in URLs, attributes or hidden text: they are not visible in the preview. Each is isolated (<bdi>), as in the preview. */
function unseenValues(result: LintResult, rendered: RenderedEmail | undefined, notes: ReturnType<typeof tokenNotes>): string {
  const visible = new Set(['subject', 'preheader', 'body']);
  const unseen = result.fields.filter((field) => field.placements.some((placement) => !visible.has(placement)));
  if (unseen.length === 0) return '<aside><h3>Not visible in the preview</h3><p>Every personal value is shown in place.</p></aside>';
  const items = unseen.map((field) => {
    const note = notes.get(field.field);
    const values = rendered?.values.get(field.field) ?? [];
    const where = field.placements.filter((placement) => !visible.has(placement)).join(', ');
    const shown = values.length > 0 ? `<div class="value">${values.map((value) => `<bdi>${escapeHtml(value)}</bdi>`).join(', ')}</div>` : '';
    return `<li class="sev-${note?.severity ?? 'ok'}" tabindex="0"><code>${escapeHtml(field.field)}</code> · ${escapeHtml(where)}${shown}<div class="details">${note?.details ?? ''}</div></li>`;
  });
  return `<aside><h3>Not visible in the preview</h3><ul>${items.join('')}</ul></aside>`;
}

/** A finding's row: its severity, its points (or, for a template's own finding, its weight), where, what, and the rule. */
function findingRow(finding: Finding, template: string, options: ReporterOptions, measure: 'points' | 'weight', note: string | undefined): string {
  const file = reportPath(finding.file, options.cwd);
  const where = `${file === template ? '' : `${file}:`}${finding.line}:${finding.column}`;
  const value = measure === 'points' ? finding.points : finding.weight;
  const shown = measure === 'points' ? signedPoints(value) : String(value);
  const extra = note === undefined ? '' : ` <small class="scope">(${escapeHtml(note)})</small>`;
  return `<tr class="sev-${finding.severity}"><td data-value="${severityRank(finding.severity)}"><span class="sev">${finding.severity}</span></td><td data-value="${value}">${shown}</td><td><code>${escapeHtml(where)}</code></td><td>${escapeHtml(finding.message)}${extra}<br><small>${escapeHtml(finding.why)} <b>Try:</b> ${escapeHtml(finding.suggestion)}</small></td><td><a href="${escapeHtml(finding.docsUrl)}"><code>${escapeHtml(finding.ruleId)}</code></a></td></tr>`;
}

function findingsTable(result: LintResult, template: string, options: ReporterOptions): string {
  if (result.findings.length === 0) return '<div class="findings"><h3>Findings</h3><p>No findings.</p></div>';
  const rows = [...result.findings]
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.points - a.points)
    .map((finding) => findingRow(finding, template, options, 'points', finding.scope === 'template' ? 'judged for the whole template' : undefined));
  return `<div class="findings"><h3>Findings</h3><table class="sortable"><thead><tr><th data-sort="severity"><button type="button">Severity</button></th><th data-sort="points"><button type="button">Points</button></th><th>Where</th><th>What</th><th>Rule</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
