/** `--sql`: the statements that ran, parameters written in, the DuckDB-only part marked off from the portable analysis. */
import { TALLY_SQL } from './analysis-sql.js';
import { inlineParameters, type Statement } from './sql-text.js';

const READING = `-- 1. Reading the files (DuckDB). A warehouse skips this part: it creates the two tables
--    verdicts(campaign, id, score, recipient_group, verdict) and
--    results(campaign, id, delivered, opened, clicked, converted, unsubscribed, complained, revenue)
--    from its own data (outcomes 0 or 1, NULL where not measured; revenue a number, 0 when none).`;

const ANALYSIS = `-- 2. The analysis, standard SQL over those two tables (runs as is on BigQuery, Snowflake,
--    Spark SQL and DuckDB). Export its answer as CSV and read it with
--    creeplint outcomes --tally tally.csv [--format text|json|html]`;

export function formatSql(statements: readonly Statement[]): string {
  const reading = statements.filter((statement) => statement.sql !== TALLY_SQL);
  const parts = reading.length > 0 ? [READING, ...reading.map((statement) => `${inlineParameters(statement)};`)] : [];
  return `${[...parts, ANALYSIS, `${TALLY_SQL};`].join('\n\n')}\n`;
}
