/**
 * The analysis, in standard SQL over two tables, so that a warehouse (BigQuery, Snowflake,
 * Spark SQL) runs it as is when results outgrow one machine:
 *
 *   verdicts(campaign, id, score, recipient_group, verdict)   -- one row per recipient checked
 *   results(campaign, id, delivered, opened, clicked, converted, unsubscribed, complained, revenue)
 *
 * Outcomes are 0 or 1, NULL where the campaign did not measure them; revenue a number.
 * The answer, the tally, has one row per campaign, side of the join, group and score:
 * at most campaigns × 3 × 3 × 101 rows, from which every statistic is computed.
 */
import { BINARY_OUTCOMES } from './vocabulary.js';
import type { Statement } from './sql-text.js';

/** Which side of the join a tally row counts. */
export const SIDES = ['joined', 'verdict-only', 'result-only'] as const;
export type Side = (typeof SIDES)[number];

const outcomeColumns = BINARY_OUTCOMES.map((outcome) => `  COUNT(r.${outcome}) AS ${outcome}_measured,\n  COALESCE(SUM(r.${outcome}), 0) AS ${outcome}_count`).join(',\n');

export const TALLY_SQL = `SELECT
  COALESCE(v.campaign, r.campaign) AS campaign,
  CASE WHEN r.id IS NULL THEN 'verdict-only' WHEN v.id IS NULL THEN 'result-only' ELSE 'joined' END AS side,
  v.recipient_group,
  v.score,
  COUNT(*) AS recipients,
  SUM(CASE WHEN v.verdict = 'hold' THEN 1 ELSE 0 END) AS held,
${outcomeColumns},
  COUNT(r.revenue) AS revenue_measured,
  COALESCE(AVG(r.revenue), 0) AS revenue_mean,
  COALESCE(VAR_POP(r.revenue) * COUNT(r.revenue), 0) AS revenue_m2
FROM verdicts v
FULL OUTER JOIN results r ON r.campaign = v.campaign AND r.id = v.id
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4`;

export function tallyStatement(): Statement {
  return { sql: TALLY_SQL, params: [] };
}
