/**
 * `creeplint outcomes --format html`: one self-contained page (inline SVG and styles, no
 * script, a Content Security Policy that allows no request). Every chart is followed by a
 * table of its numbers, and every number has its method beside it.
 */
import { BANDS } from '../model/vocabulary.js';
import { bandColour, scaleStyles } from '../report/score-scale.js';
import { escapeHtml } from '../report/html/escape.js';
import type { Lift, OutcomesReport, Proportion, Stats } from './report-shape.js';
import { intervalChart, lineChart, type IntervalRow, type Shape } from './svg-charts.js';
import type { Interval } from './statistics/wilson.js';
import { NEGATIVE_OUTCOMES, type BinaryOutcome } from './vocabulary.js';

const GROUP_COLOURS = { control: '#4b5563', personalised: '#7c3aed' } as const;

const whole = (value: number) => value.toLocaleString('en-US');
const percent = (value: number) => `${(value * 100).toFixed(2)}%`;
const points = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(2)} pts`;
const money = (value: number) => `${value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;
const span = (interval: Interval | null, show: (value: number) => string) => (interval ? `${show(interval[0])} to ${show(interval[1])}` : '—');

const STYLES = `
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;background:#f3f4f6}
header{padding:16px 24px;background:#111827;color:#f9fafb}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#e5e7eb}
main{padding:16px 24px;display:grid;gap:20px;max-width:1200px}
section{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:16px}
h2{font-size:17px;margin:0 0 8px}h3{font-size:14px;margin:16px 0 4px}
.method{color:#374151;font-size:12px;margin:0 0 8px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px}
svg.chart{max-width:100%;height:auto;display:block}
table{border-collapse:collapse;font-size:12px;margin-top:6px}caption{text-align:left;font-size:12px;color:#374151;padding-bottom:4px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e5e7eb}td.n{text-align:right;font-variant-numeric:tabular-nums}
details summary{cursor:pointer;font-size:12px;color:var(--info)}
.counts span{margin-right:18px;white-space:nowrap}
.suggestion{border-left:4px solid var(--warning);padding:8px 12px;background:#fffbeb}
`;

function rowsFor(report: OutcomesReport): { label: string; stats: Stats; shape: Shape; colour: string }[] {
  return [
    { label: 'control', stats: report.groups.control, shape: 'square', colour: GROUP_COLOURS.control },
    { label: 'personalised', stats: report.groups.personalised, shape: 'diamond', colour: GROUP_COLOURS.personalised },
    ...BANDS.map((band) => ({ label: `${band} band`, stats: report.bands[band], shape: 'circle' as const, colour: bandColour(band) })),
  ];
}

function proportionCells(proportion: Proportion | undefined): string {
  if (!proportion) return '<td class="n">—</td><td class="n">—</td><td class="n">—</td><td>—</td>';
  return `<td class="n">${whole(proportion.recipients)}</td><td class="n">${whole(proportion.count)}</td><td class="n">${proportion.rate === null ? '—' : percent(proportion.rate)}</td><td>${span(proportion.interval, percent)}</td>`;
}

function ratesSection(report: OutcomesReport): string {
  const binary = report.outcomes.filter((outcome): outcome is BinaryOutcome => outcome !== 'revenue');
  const rows = rowsFor(report);
  const charts = binary.map((outcome) => {
    const chart = intervalChart({
      id: `rate-${outcome}`,
      title: `${outcome}: rate per recipient by group and band`,
      description: `Each row is a group or a band of the score; the marker is the rate of ${outcome} and the bar its 95% Wilson interval. Control is a square, personalised a diamond, bands circles.`,
      rows: rows.map((row): IntervalRow => ({
        label: row.label,
        value: row.stats.outcomes[outcome]?.rate ?? null,
        interval: row.stats.outcomes[outcome]?.interval ?? null,
        shape: row.shape,
        colour: row.colour,
      })),
      format: percent,
    });
    const table = `<table><caption>${escapeHtml(outcome)}: rate with its 95% Wilson score interval (Wilson 1927)</caption><thead><tr><th scope="col">group or band</th><th scope="col">recipients measured</th><th scope="col">${escapeHtml(outcome)}</th><th scope="col">rate</th><th scope="col">95% interval (Wilson)</th></tr></thead><tbody>${rows
      .map((row) => `<tr><th scope="row">${escapeHtml(row.label)}</th>${proportionCells(row.stats.outcomes[outcome])}</tr>`)
      .join('')}</tbody></table>`;
    return `<div><h3>${escapeHtml(outcome)}</h3>${chart}<details><summary>Table of ${escapeHtml(outcome)} rates</summary>${table}</details></div>`;
  });
  const revenue = report.outcomes.includes('revenue')
    ? `<h3>revenue per recipient</h3><table><caption>Revenue per recipient with its 95% interval (${escapeHtml(report.methods.revenue)})</caption><thead><tr><th scope="col">group or band</th><th scope="col">recipients</th><th scope="col">per recipient</th><th scope="col">95% interval (Student's t)</th></tr></thead><tbody>${rows
        .map(
          (row) =>
            `<tr><th scope="row">${escapeHtml(row.label)}</th><td class="n">${whole(row.stats.revenue?.recipients ?? 0)}</td><td class="n">${row.stats.revenue?.perRecipient == null ? '—' : money(row.stats.revenue.perRecipient)}</td><td>${span(row.stats.revenue?.interval ?? null, money)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  return `<section aria-labelledby="rates"><h2 id="rates">Rates by group and band</h2><p class="method">Rates per recipient measured, with 95% Wilson score intervals (Wilson 1927). Bands count the recipients who got the scored email (not the control group).${report.ungrouped > 0 ? ` ${whole(report.ungrouped)} joined recipients had no holdout group and count only in the bands.` : ''}</p><div class="grid">${charts.join('')}</div>${revenue}</section>`;
}

function liftRows(report: OutcomesReport, lift: Lift): IntervalRow[] {
  return report.outcomes
    .filter((outcome): outcome is BinaryOutcome => outcome !== 'revenue')
    .map((outcome) => {
      const entry = lift[outcome];
      return {
        label: outcome,
        value: entry?.difference ?? null,
        interval: entry?.interval ?? null,
        shape: 'diamond',
        colour: GROUP_COLOURS.personalised,
        note: entry?.excludesZero ? '(excludes zero)' : '(includes zero)',
        hollow: !entry?.excludesZero,
      };
    });
}

function liftSection(report: OutcomesReport): string {
  const chart = intervalChart({
    id: 'lift',
    title: 'Lift: personalised minus control, per outcome',
    description:
      "Each row is the difference in rate between the personalised and the control group, in percentage points, with its 95% Newcombe interval; a filled diamond's interval excludes zero, a hollow one's includes it.",
    rows: liftRows(report, report.lift),
    format: points,
    symmetric: true,
  });
  const entries = report.outcomes.map((outcome) => {
    const entry = report.lift[outcome];
    const show = outcome === 'revenue' ? money : points;
    const method = outcome === 'revenue' ? "Welch's interval" : "Newcombe's hybrid score interval";
    return `<tr><th scope="row">${escapeHtml(outcome)}</th><td class="n">${entry?.difference == null ? '—' : show(entry.difference)}</td><td>${span(entry?.interval ?? null, show)}</td><td>${entry?.excludesZero == null ? 'needs both groups' : entry.excludesZero ? 'yes' : 'no'}</td><td>${method}</td></tr>`;
  });
  return `<section aria-labelledby="lift-heading"><h2 id="lift-heading">Does personalisation earn its keep?</h2><p class="method">Personalised − control, with 95% intervals: ${escapeHtml(report.methods.lift)}; revenue per recipient: ${escapeHtml(report.methods.revenueLift)}.</p>${chart}<table><caption>Lift per outcome, personalised − control</caption><thead><tr><th scope="col">outcome</th><th scope="col">difference</th><th scope="col">95% interval</th><th scope="col">excludes zero</th><th scope="col">method</th></tr></thead><tbody>${entries.join('')}</tbody></table></section>`;
}

function predictionSection(report: OutcomesReport): string {
  const negatives = NEGATIVE_OUTCOMES.filter((outcome) => report.outcomes.includes(outcome));
  if (negatives.length === 0) return '';
  const rows = negatives
    .map((outcome) => {
      const trend = report.trend[outcome];
      const auc = report.prediction[outcome];
      const byBand = BANDS.map((band) => {
        const rate = report.bands[band].outcomes[outcome]?.rate;
        return `${band} ${rate == null ? '—' : percent(rate)}`;
      }).join(', ');
      return `<tr><th scope="row">${escapeHtml(outcome)}</th><td>${byBand}</td><td>${trend ? `z = ${trend.z.toFixed(2)}, p ${trend.p < 0.0001 ? '&lt; 0.0001' : `= ${trend.p.toFixed(4)}`}` : 'not computable'} (Cochran–Armitage)</td><td>${auc ? `${auc.auc.toFixed(3)}, 95% interval ${span(auc.interval, (value) => value.toFixed(3))}` : 'not computable'} (DeLong)</td></tr>`;
    })
    .join('');
  const evidence = report.suggestion.evidence;
  const bandCost = intervalChart({
    id: 'band-cost',
    title: 'What personalising cost in unsubscribes, band by band',
    description:
      'Within each band, the unsubscribe rate of recipients who got the personalised email minus that of control recipients whose email would have scored in the same band, in percentage points, with the 95% Newcombe interval.',
    rows: BANDS.map((band) => {
      const entry = report.bands[band].lift.unsubscribed;
      return {
        label: `${band} band`,
        value: entry?.difference ?? null,
        interval: entry?.interval ?? null,
        shape: 'circle',
        colour: bandColour(band),
        note: entry?.excludesZero ? '(excludes zero)' : '(includes zero)',
        hollow: !entry?.excludesZero,
      };
    }),
    format: points,
    symmetric: true,
  });
  return `<section aria-labelledby="prediction"><h2 id="prediction">Does the score predict unsubscribes and complaints?</h2><p class="method">Trend: ${escapeHtml(report.methods.trend)}. AUC: ${escapeHtml(report.methods.prediction)}. Both over the recipients who got the scored email.</p><table><caption>Rate by band, trend across bands, and AUC of the score</caption><thead><tr><th scope="col">outcome</th><th scope="col">rate by band</th><th scope="col">trend across bands</th><th scope="col">AUC of the score</th></tr></thead><tbody>${rows}</tbody></table>${report.outcomes.includes('unsubscribed') ? `<h3>Unsubscribes, personalised − control, within each band</h3><p class="method">Newcombe's hybrid score interval, 95%.</p>${bandCost}` : ''}<h3>A suggested max-score</h3><p class="suggestion">${escapeHtml(report.suggestion.text)}</p>${
    evidence
      ? `<p class="method">Evidence: scores ${evidence.scores[0]}–${evidence.scores[1]}, ${whole(evidence.recipients)} recipients, ${percent(evidence.rate)} against ${percent(evidence.baseline.rate)} (${whole(evidence.baseline.recipients)} in the ${evidence.baseline.name}); ${escapeHtml(report.methods.suggestion)}.</p>`
      : ''
  }</section>`;
}

function campaignsSection(report: OutcomesReport): string {
  if (report.campaigns.length < 2) return '';
  const names = report.campaigns.map((campaign) => campaign.name);
  const binary = report.outcomes.filter((outcome): outcome is BinaryOutcome => outcome !== 'revenue');
  const charts = binary.map((outcome) =>
    lineChart({
      id: `history-${outcome}`,
      title: `${outcome} rate per campaign`,
      description: `The ${outcome} rate of each campaign in the order given: personalised group (solid, diamonds), control group (dashed, squares), and everyone in campaigns without a holdout (triangles).`,
      categories: names,
      series: [
        {
          name: 'personalised',
          values: report.campaigns.map((campaign) => campaign.groups.personalised.outcomes[outcome]?.rate ?? null),
          colour: GROUP_COLOURS.personalised,
          shape: 'diamond',
        },
        {
          name: 'control',
          values: report.campaigns.map((campaign) => campaign.groups.control.outcomes[outcome]?.rate ?? null),
          colour: GROUP_COLOURS.control,
          shape: 'square',
          dashed: true,
        },
        {
          name: 'no holdout',
          values: report.campaigns.map((campaign) =>
            campaign.groups.control.recipients + campaign.groups.personalised.recipients === 0 ? (campaign.all.outcomes[outcome]?.rate ?? null) : null,
          ),
          colour: '#0f766e',
          shape: 'triangle',
        },
      ],
      format: percent,
    }),
  );
  const table = `<table><caption>Campaigns in the order given: mean score, then each outcome's rate for control / personalised (Wilson intervals in the JSON report)</caption><thead><tr><th scope="col">campaign</th><th scope="col">joined</th><th scope="col">mean score</th>${binary.map((outcome) => `<th scope="col">${escapeHtml(outcome)}</th>`).join('')}</tr></thead><tbody>${report.campaigns
    .map((campaign) => {
      const cells = binary.map((outcome) => {
        const control = campaign.groups.control.outcomes[outcome]?.rate;
        const personalised = campaign.groups.personalised.outcomes[outcome]?.rate;
        if (control == null && personalised == null) {
          const all = campaign.all.outcomes[outcome]?.rate;
          return `<td>${all == null ? '—' : `${percent(all)} (no holdout)`}</td>`;
        }
        return `<td>${control == null ? '—' : percent(control)} / ${personalised == null ? '—' : percent(personalised)}</td>`;
      });
      return `<tr><th scope="row">${escapeHtml(campaign.name)}</th><td class="n">${whole(campaign.joined)}</td><td class="n">${campaign.meanScore === null ? '—' : campaign.meanScore.toFixed(1)}</td>${cells.join('')}</tr>`;
    })
    .join('')}</tbody></table>`;
  return `<section aria-labelledby="history"><h2 id="history">Campaigns over time: before and after personalisation</h2><p class="method">Rates per recipient in each campaign (Wilson 1927). A campaign without a holdout group shows everyone's rate; the mean score shows when personalisation began.</p><div class="grid">${charts.join('')}</div>${table}</section>`;
}

export function formatOutcomesHtml(report: OutcomesReport): string {
  const names = report.campaigns.map((campaign) => campaign.name).join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>creeplint outcomes</title>
<style>${scaleStyles()}${STYLES}</style>
</head><body>
<header><h1>creeplint outcomes</h1><p>${report.campaigns.length} campaign${report.campaigns.length === 1 ? '' : 's'}: ${escapeHtml(names)}</p></header>
<main>
<section aria-labelledby="counts"><h2 id="counts">What was joined</h2><p class="counts"><span>${whole(report.verdicts)} verdicts</span><span>${whole(report.results)} results</span><span>${whole(report.joined)} joined</span><span>unmatched: ${whole(report.unmatched.verdicts)} verdicts (${whole(report.unmatched.heldVerdicts)} held), ${whole(report.unmatched.results)} results</span><span>unusable rows: ${whole(report.invalid.verdicts)} verdicts, ${whole(report.invalid.results)} results</span></p></section>
${liftSection(report)}
${predictionSection(report)}
${ratesSection(report)}
${campaignsSection(report)}
<section aria-labelledby="methods"><h2 id="methods">Methods</h2><ul>${Object.entries(report.methods)
    .map(([name, method]) => `<li><b>${escapeHtml(name)}</b>: ${escapeHtml(method)}</li>`)
    .join('')}</ul><p class="method">Formulas and sources: docs/outcomes.md in creeplint.</p></section>
</main></body></html>
`;
}
