import type { AuditSummary } from '../presend/audit-summary.js';
import { BANDS } from '../model/vocabulary.js';
import { bandOf } from '../score/score.js';
import { escapeHtml } from './html/escape.js';
import { bandColour } from './score-scale.js';

/**
 * `creeplint audit --format html`: one self-contained page about an audience (inline SVG,
 * no script, no network): scores as a histogram coloured by band, why recipients were
 * held, and a few recipients per band, by id only.
 */
export function formatAuditHtml(summary: AuditSummary, template: string): string {
  const most = Math.max(1, ...summary.scoreHistogram);
  const bars = summary.scoreHistogram
    .map((count, bucket) => {
      const height = Math.round((count / most) * 160);
      const label = bucket === 20 ? '100' : `${bucket * 5}–${bucket * 5 + 4}`;
      return `<rect x="${bucket * 30 + 10}" y="${180 - height}" width="24" height="${height}" fill="${bandColour(bandOf(bucket * 5))}"><title>${label}: ${count}</title></rect>`;
    })
    .join('');
  const axis = [0, 25, 50, 75, 100].map((score) => `<text x="${(score / 5) * 30 + 10}" y="198" font-size="10">${score}</text>`).join('');
  const topReason = Math.max(1, ...summary.holdReasons.map((reason) => reason.count));
  const reasons = summary.holdReasons
    .slice(0, 10)
    .map(
      (reason, index) =>
        `<text x="0" y="${index * 22 + 15}" font-size="12">${escapeHtml(reason.ruleId)}</text><rect x="220" y="${index * 22 + 4}" width="${Math.round((reason.count / topReason) * 300)}" height="14" fill="#dc2626"/><text x="${226 + Math.round((reason.count / topReason) * 300)}" y="${index * 22 + 15}" font-size="12">${reason.count}</text>`,
    )
    .join('');
  const examples = BANDS.map(
    (band) =>
      `<li><b style="color:${bandColour(band)}">${band}</b> (${summary.bands[band]}): ${summary.examples[band].map((id) => `<code>${escapeHtml(id)}</code>`).join(', ') || '—'}</li>`,
  ).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>creeplint audit: ${escapeHtml(template)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:24px;color:#111827}h1{font-size:20px}h2{font-size:15px;margin-top:28px}code{font-family:ui-monospace,monospace}.counts span{margin-right:18px}</style>
</head><body>
<h1>Audience audit of <code>${escapeHtml(template)}</code></h1>
<p class="counts"><span>${summary.read} read</span><span>${summary.send} send</span><span>${summary.hold} hold</span><span>${summary.malformed} malformed</span></p>
<h2>Scores</h2>
<svg viewBox="0 0 650 205" width="650" role="img" aria-label="Histogram of scores, coloured by band">${bars}${axis}</svg>
<h2>Why recipients were held</h2>
${summary.holdReasons.length > 0 ? `<svg viewBox="0 0 600 ${Math.min(10, summary.holdReasons.length) * 22 + 6}" width="600" role="img" aria-label="Reasons for holds">${reasons}</svg>` : '<p>No recipient was held.</p>'}
<h2>Examples per band</h2>
<ul>${examples}</ul>
</body></html>
`;
}
