/** The outcomes report for a terminal: every number with its interval and the method beside it. */
import { BANDS, type Band } from '../model/vocabulary.js';
import type { Lift, OutcomesReport, Proportion, Revenue, Stats } from './report-shape.js';
import type { Interval } from './statistics/wilson.js';
import { NEGATIVE_OUTCOMES, type BinaryOutcome } from './vocabulary.js';

const whole = (value: number) => value.toLocaleString('en-US');
const percent = (value: number) => `${(value * 100).toFixed(2)}%`;
const signed = (value: number, digits = 2) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;
const span = (interval: Interval | null, show: (value: number) => string) => (interval ? `[${show(interval[0])}, ${show(interval[1])}]` : '');

function rateCell(proportion: Proportion | undefined): string {
  if (!proportion || proportion.rate === null) return '—';
  return `${percent(proportion.rate)} ${span(proportion.interval, percent)}`;
}

function revenueCell(revenue: Revenue | undefined): string {
  if (!revenue || revenue.perRecipient === null) return '—';
  return `${revenue.perRecipient.toFixed(2)} ${span(revenue.interval, (value) => value.toFixed(2))}`;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('   ')
      .trimEnd(),
  );
}

function ratesTable(report: OutcomesReport, rows: readonly [string, Stats][]): string[] {
  const binary = report.outcomes.filter((outcome): outcome is BinaryOutcome => outcome !== 'revenue');
  const header = ['', 'recipients', ...binary, ...(report.outcomes.includes('revenue') ? ['revenue per recipient'] : [])];
  return table([
    header,
    ...rows.map(([name, stats]) => [
      name,
      whole(stats.recipients),
      ...binary.map((outcome) => rateCell(stats.outcomes[outcome])),
      ...(report.outcomes.includes('revenue') ? [revenueCell(stats.revenue)] : []),
    ]),
  ]);
}

function liftLines(report: OutcomesReport, lift: Lift): string[] {
  return table(
    report.outcomes.map((outcome) => {
      const entry = lift[outcome];
      if (!entry || entry.difference === null) return [outcome, '—', '', 'needs both groups'];
      const show = outcome === 'revenue' ? (value: number) => signed(value) : (value: number) => signed(value * 100);
      const verdict = entry.excludesZero ? 'excludes zero' : 'includes zero: no clear difference';
      return [outcome, `${show(entry.difference)}${outcome === 'revenue' ? ' per recipient' : ' points'}`, span(entry.interval, show), verdict];
    }),
  );
}

export function formatOutcomesText(report: OutcomesReport): string {
  const m = report.methods;
  const lines = [
    `creeplint outcomes: ${report.campaigns.length} campaign${report.campaigns.length === 1 ? '' : 's'} (${report.campaigns.map((campaign) => campaign.name).join(', ')})`,
    `${whole(report.verdicts)} verdicts, ${whole(report.results)} results, ${whole(report.joined)} joined; unmatched: ${whole(report.unmatched.verdicts)} verdicts (${whole(report.unmatched.heldVerdicts)} of them held), ${whole(report.unmatched.results)} results; unusable rows: ${whole(report.invalid.verdicts)} verdicts, ${whole(report.invalid.results)} results`,
    '',
    `Rates per recipient, by group, with the ${m.rate}; revenue per recipient with the ${m.revenue}`,
    ...ratesTable(report, [
      ['control', report.groups.control],
      ['personalised', report.groups.personalised],
    ]).map((line) => `  ${line}`),
    ...(report.ungrouped > 0 ? [`  (${whole(report.ungrouped)} joined recipients have no group: their campaigns had no holdout)`] : []),
    '',
    'By band of the score, recipients who got the scored email (not the control group)',
    ...ratesTable(
      report,
      BANDS.map((band) => [band, report.bands[band]]),
    ).map((line) => `  ${line}`),
    '',
    `Lift, personalised − control: ${m.lift}; revenue: ${m.revenueLift}`,
    ...liftLines(report, report.lift).map((line) => `  ${line}`),
  ];
  const negatives = NEGATIVE_OUTCOMES.filter((outcome) => report.outcomes.includes(outcome));
  if (negatives.length > 0) {
    lines.push('', 'Does the score predict unsubscribes and complaints?');
    for (const outcome of negatives) {
      const trend = report.trend[outcome];
      const auc = report.prediction[outcome];
      const rateIn = (band: Band): string => {
        const rate = report.bands[band].outcomes[outcome]?.rate;
        return rate === null || rate === undefined ? '—' : percent(rate);
      };
      lines.push(`  ${outcome}: ${BANDS.map((band) => `${band} ${rateIn(band)}`).join(', ')}`);
      lines.push(
        `    trend across bands: ${trend ? `z = ${trend.z.toFixed(2)}, p ${trend.p < 0.0001 ? '< 0.0001' : `= ${trend.p.toFixed(4)}`}` : 'not computable (no variation)'} (${m.trend})`,
      );
      lines.push(
        `    AUC of the score: ${auc ? `${auc.auc.toFixed(3)} ${span(auc.interval, (value) => value.toFixed(3))}, ${whole(auc.positives)} with and ${whole(auc.negatives)} without` : 'not computable (needs two recipients with and two without)'} (${m.prediction})`,
      );
    }
    lines.push(`  ${report.suggestion.text}`);
  }
  if (report.campaigns.length > 1) {
    lines.push('', 'Campaigns, in the order given');
    const shown = report.outcomes.filter((outcome): outcome is BinaryOutcome => outcome !== 'revenue');
    lines.push(
      ...table([
        ['', 'joined', 'mean score', ...shown.map((outcome) => `${outcome} (control / personalised)`)],
        ...report.campaigns.map((campaign) => [
          campaign.name,
          whole(campaign.joined),
          campaign.meanScore === null ? '—' : campaign.meanScore.toFixed(1),
          ...shown.map((outcome) => {
            const control = campaign.groups.control.outcomes[outcome]?.rate;
            const personalised = campaign.groups.personalised.outcomes[outcome]?.rate;
            if (control == null && personalised == null) return `${rateCell(campaign.all.outcomes[outcome]).split(' ')[0]} (no holdout)`;
            return `${control == null ? '—' : percent(control)} / ${personalised == null ? '—' : percent(personalised)}`;
          }),
        ]),
      ]).map((line) => `  ${line}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
