import type { Finding } from '../model/finding.js';
import { DETAIL_SHARE } from './weights.js';

/**
 * How a set of findings becomes one score (docs/scoring.md):
 *
 * 1. One intrusion counts once. Findings with the same `intrusion` (the same rule about
 *    one record or list, or the same kind of copy) are one intrusion: its heaviest field
 *    counts in full, each further field adds `DETAIL_SHARE` of its weight, and repeats of
 *    a field add nothing.
 * 2. The intrusions combine like independent chances that the email feels intrusive (a
 *    probabilistic OR): `score = 100 × (1 − Π (1 − wᵢ/100))`. Bounded, monotone (a
 *    heavier or an extra weight never lowers it), close to the plain sum while it is
 *    small, and distinct intrusions stay apart near the top instead of piling up at a
 *    cap. Only a finding that is extreme on its own (weight 100) makes 100; otherwise
 *    the score stops at 99.
 * 3. Points are each finding's marginal contribution, in a stated order: heaviest first
 *    (reading order between equals). They add up to the score exactly.
 * 4. A credit (an explanation of why the reader got the email) takes its share off the
 *    weight of the findings it covers; its points are the (negative) difference.
 *
 * Findings suppressed in the template add nothing. Pure: the same findings always get
 * the same points.
 */
export function scoreFindings(findings: readonly Finding[]): { findings: Finding[]; score: number } {
  const shares = intrusionShares(findings);
  const terms: { index: number; weight: number }[] = [];
  findings.forEach((finding, index) => {
    const share = shares[index] ?? 0;
    if (share > 0 && finding.weight > 0) terms.push({ index, weight: Math.min(100, finding.weight) * share });
  });
  terms.sort((a, b) => b.weight - a.weight || a.index - b.index);

  const points = new Array<number>(findings.length).fill(0);
  let remaining = 1;
  let score = 0;
  for (const term of terms) {
    remaining *= 1 - term.weight / 100;
    const next = scoreOf(remaining);
    points[term.index] = next - score;
    score = next;
  }

  // Credits last: each covered term keeps (1 − share) of its weight.
  findings.forEach((credit, index) => {
    if (!credit.credit || credit.suppressed?.kind === 'inSource') return;
    const covered = new Set(credit.credit.fields);
    const rules = new Set(credit.credit.rules);
    let discounted = 1;
    for (const term of terms) {
      const finding = findings[term.index] as Finding;
      const kept = finding.field !== undefined && covered.has(finding.field) && rules.has(finding.ruleId) ? 1 - credit.credit.share : 1;
      term.weight *= kept;
      discounted *= 1 - term.weight / 100;
    }
    const next = scoreOf(discounted);
    points[index] = next - score;
    score = next;
  });

  return { findings: findings.map((finding, index) => (finding.points === points[index] ? finding : { ...finding, points: points[index] ?? 0 })), score };
}

/** The score for what remains of "not intrusive" after every term: 100 only when nothing remains. */
function scoreOf(remaining: number): number {
  if (remaining <= 0) return 100;
  return Math.min(99, Math.max(0, Math.round(100 * (1 - remaining))));
}

/**
 * By finding: the share of its weight it counts with. Per intrusion, the heaviest
 * field's heaviest finding counts whole, the heaviest finding of each further field
 * `DETAIL_SHARE`, and every other finding nothing.
 */
function intrusionShares(findings: readonly Finding[]): number[] {
  const shares = new Array<number>(findings.length).fill(0);
  const byIntrusion = new Map<string, Map<string, number>>();
  findings.forEach((finding, index) => {
    if (finding.suppressed?.kind === 'inSource' || finding.credit) return;
    let fields = byIntrusion.get(finding.intrusion);
    if (!fields) {
      fields = new Map();
      byIntrusion.set(finding.intrusion, fields);
    }
    // A finding without a field is a detail of its own (a second surveillance phrase).
    const detail = finding.field ?? `#${index}`;
    const best = fields.get(detail);
    if (best === undefined || finding.weight > (findings[best] as Finding).weight) fields.set(detail, index);
  });
  for (const fields of byIntrusion.values()) {
    const heaviestFirst = [...fields.values()].sort((a, b) => (findings[b] as Finding).weight - (findings[a] as Finding).weight || a - b);
    heaviestFirst.forEach((index, rank) => {
      shares[index] = rank === 0 ? 1 : DETAIL_SHARE;
    });
  }
  return shares;
}
