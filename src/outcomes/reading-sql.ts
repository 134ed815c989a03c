/**
 * The DuckDB part of the SQL: read each campaign's verdicts (JSON Lines) and results (CSV,
 * JSON Lines or Parquet) into two tables, `verdicts` and `results`, keeping every row's
 * line and saying what is wrong with the rows that cannot be used, by column and never by
 * value. A warehouse skips this part: it already has the two tables (see analysis-sql.ts).
 *
 * Every value is read as text and checked here, so that one bad cell is a problem at its
 * line, not a failed query quoting the cell.
 */
import { BINARY_OUTCOMES, RESULT_COLUMNS, type ResultColumn } from './vocabulary.js';
import { escapeGlob, quoteIdentifier, quoteLiteral, type Statement } from './sql-text.js';

export type ResultsFormat = 'csv' | 'jsonl' | 'parquet';

export interface ResultsFile {
  path: string;
  format: ResultsFormat;
  /** For CSV and Parquet: the header's name for each column found (matched without regard to case). */
  columns: ReadonlyMap<'id' | ResultColumn, string>;
}

/** The most problem rows a run reports one by one; the rest are counted. */
export const PROBLEMS_LISTED = 20;

/** Rows rejected by DuckDB's CSV reader (wrong number of cells) go to this table, one per campaign. */
export function rejectsTable(pair: number): string {
  return `creeplint_rejects_${pair}`;
}

function csvReader(parameter: string, pair: number): string {
  return `read_csv(${parameter}, all_varchar = true, header = true, store_rejects = true, rejects_table = ${quoteLiteral(rejectsTable(pair))}, rejects_scan = ${quoteLiteral(`${rejectsTable(pair)}_scan`)})`;
}

/** One JSON text a line: the reader splits on newlines only (the delimiter is a control character JSON never holds raw). */
function jsonLinesReader(parameter: string): string {
  return `read_csv(${parameter}, columns = {'text': 'VARCHAR'}, header = false, delim = chr(1), quote = '', escape = '', auto_detect = false)`;
}

/** The header of a CSV or Parquet file: which of our columns it has. */
export function describeStatement(path: string, format: 'csv' | 'parquet', pair: number): Statement {
  const reader = format === 'csv' ? csvReader('$1', pair) : 'read_parquet($1)';
  return { sql: `DESCRIBE SELECT * FROM ${reader}`, params: [escapeGlob(path)] };
}

/** A JSON value as the object's text, or NULL when the line is not a JSON object. */
const OBJECT = `CASE WHEN json_valid(text) THEN CASE WHEN json_type(text) = 'OBJECT' THEN text END END`;
const ID_TYPE_OK = `json_type(object, '$.id') IN ('VARCHAR', 'BIGINT', 'UBIGINT')`;

/** Keeps the first row of each id; a later row with the same id is a problem at its line. */
function withDuplicates(checked: string, columns: string): string {
  return `SELECT ${columns}, CASE WHEN problem IS NULL AND line <> first_line THEN 'repeats the id of line ' || first_line || ' (one row per recipient)' ELSE problem END AS problem
FROM (SELECT *, min(line) OVER (PARTITION BY pair, id, problem IS NULL) AS first_line FROM ${checked})`;
}

/** verdict_rows: every verdict line of every campaign, with its problem if any. */
export function readVerdictsStatement(paths: readonly string[]): Statement {
  const lines = paths.map((_, index) => `  SELECT ${index + 1} AS pair, ordinality AS line, text FROM ${jsonLinesReader(`$${index + 1}`)} WITH ORDINALITY`).join('\n  UNION ALL\n');
  const sql = `CREATE OR REPLACE TEMP TABLE verdict_rows AS
WITH lines AS (
${lines}
), objects AS (
  SELECT pair, line, ${OBJECT} AS object FROM lines WHERE trim(coalesce(text, '')) <> ''
), fields AS (
  SELECT pair, line, object,
    CASE WHEN ${ID_TYPE_OK} THEN trim(json_extract_string(object, '$.id')) END AS id,
    CASE WHEN json_type(object, '$.score') IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN TRY_CAST(json_extract_string(object, '$.score') AS DOUBLE) END AS score,
    json_extract_string(object, '$.group') AS recipient_group,
    json_extract_string(object, '$.verdict') AS verdict,
    json_type(object, '$.campaign') AS campaign_type,
    json_extract_string(object, '$.campaign') AS campaign
  FROM objects
), checked AS (
  SELECT *, CASE
    WHEN object IS NULL THEN 'is not a JSON object'
    WHEN id IS NULL OR id = '' THEN 'has no id (a string or a whole number)'
    WHEN score IS NULL OR score < 0 OR score > 100 OR score <> round(score) THEN 'has no score (a whole number from 0 to 100)'
    WHEN recipient_group IS NOT NULL AND recipient_group NOT IN ('control', 'personalised') THEN 'has a group other than control or personalised'
    WHEN verdict IS NOT NULL AND verdict NOT IN ('send', 'hold') THEN 'has a verdict other than send or hold'
    WHEN campaign_type IS NOT NULL AND campaign_type NOT IN ('VARCHAR', 'NULL') THEN 'has a campaign that is not a string'
  END AS problem
  FROM fields
)
${withDuplicates('checked', 'pair, line, id, CAST(score AS INTEGER) AS score, recipient_group, verdict, campaign')}`;
  return { sql, params: paths.map(escapeGlob) };
}

/** One file's rows, every format with the same columns in the same order (UNION ALL matches by position). */
function resultsSelect(file: ResultsFile, pair: number): string {
  const parameter = `$${pair}`;
  if (file.format === 'jsonl') {
    const values = RESULT_COLUMNS.map((column) => `json_extract_string(object, '$.${column}') AS ${column}, json_exists(object, '$.${column}') AS has_${column}`).join(', ');
    // A key in any record of the file makes the outcome measured for all of them (absent: 0), as a column does in CSV.
    const measured = RESULT_COLUMNS.map((column) => `${column}, coalesce(bool_or(has_${column}) OVER (), false) AS ${column}_measured`).join(', ');
    return `  SELECT ${pair} AS pair, line, id, CASE WHEN object IS NULL THEN 'is not a JSON object' WHEN id IS NULL THEN 'has no id (a string or a whole number)' END AS shape_problem, ${measured}
  FROM (
    SELECT line, object, CASE WHEN ${ID_TYPE_OK} THEN trim(json_extract_string(object, '$.id')) END AS id, ${values}
    FROM (SELECT ordinality AS line, ${OBJECT} AS object FROM ${jsonLinesReader(parameter)} WITH ORDINALITY WHERE trim(coalesce(text, '')) <> '')
  )`;
  }
  const cell = (column: 'id' | ResultColumn): string => {
    const name = file.columns.get(column);
    return name === undefined ? 'CAST(NULL AS VARCHAR)' : `CAST(${quoteIdentifier(name)} AS VARCHAR)`;
  };
  const columns = RESULT_COLUMNS.map((column) => `${cell(column)} AS ${column}, ${file.columns.has(column)} AS ${column}_measured`).join(', ');
  // CSV: the header is line 1. Parquet has no lines: its rows are counted from 1.
  const line = file.format === 'csv' ? 'ordinality + 1' : 'ordinality';
  const reader = file.format === 'csv' ? csvReader(parameter, pair) : `read_parquet(${parameter})`;
  return `  SELECT ${pair} AS pair, ${line} AS line, trim(${cell('id')}) AS id, CAST(NULL AS VARCHAR) AS shape_problem, ${columns}
  FROM ${reader} WITH ORDINALITY`;
}

/** result_rows: every results row of every campaign, with its problem if any. */
export function readResultsStatement(files: readonly ResultsFile[]): Statement {
  const binaryChecks = BINARY_OUTCOMES.map(
    (column) => `    WHEN ${column}_measured AND lower(trim(coalesce(${column}, ''))) NOT IN ('', '0', '1', 'true', 'false') THEN '${column} is not 0, 1, true or false'`,
  ).join('\n');
  const sql = `CREATE OR REPLACE TEMP TABLE result_rows AS
WITH rows AS (
${files.map((file, index) => resultsSelect(file, index + 1)).join('\n  UNION ALL\n')}
), checked AS (
  SELECT *, CASE
    WHEN shape_problem IS NOT NULL THEN shape_problem
    WHEN id IS NULL OR id = '' THEN 'has no id'
${binaryChecks}
    WHEN revenue_measured AND trim(coalesce(revenue, '')) <> '' AND NOT coalesce(isfinite(TRY_CAST(trim(revenue) AS DOUBLE)), false) THEN 'revenue is not a number'
  END AS problem
  FROM rows
)
${withDuplicates('checked', `pair, line, id, ${RESULT_COLUMNS.map((column) => `${column}, ${column}_measured`).join(', ')}`)}`;
  return { sql, params: files.map((file) => escapeGlob(file.path)) };
}

/** Rows the CSV reader could not split into the header's columns, by line (DISTINCT: reading the header scanned them too). */
export function rejectedRowsStatement(pairs: readonly number[]): Statement {
  return {
    sql: pairs.map((pair) => `SELECT DISTINCT ${pair} AS pair, line, error_type FROM ${quoteIdentifier(rejectsTable(pair))}`).join('\nUNION ALL\n') + '\nORDER BY pair, line',
    params: [],
  };
}

/** How many rows of each campaign cannot be used, and the first of them. */
export function problemsStatement(table: 'verdict_rows' | 'result_rows'): Statement {
  return {
    sql: `SELECT pair, line, problem, count(*) OVER (PARTITION BY pair) AS problems FROM ${table} WHERE problem IS NOT NULL ORDER BY pair, line LIMIT ${PROBLEMS_LISTED}`,
    params: [],
  };
}

export function problemCountsStatement(table: 'verdict_rows' | 'result_rows'): Statement {
  return { sql: `SELECT pair, count(*) AS problems FROM ${table} WHERE problem IS NOT NULL GROUP BY pair ORDER BY pair`, params: [] };
}

/** The `campaign` values each verdicts file holds, to name its campaign. */
export function campaignFieldStatement(): Statement {
  return {
    sql: `SELECT pair, count(DISTINCT campaign) AS names, min(campaign) AS name FROM verdict_rows WHERE problem IS NULL GROUP BY pair ORDER BY pair`,
    params: [],
  };
}

/**
 * The two tables the analysis reads, from the rows without problems: verdicts(campaign,
 * id, score, recipient_group, verdict) and results(campaign, id, delivered … complained as
 * 0 or 1, revenue). An outcome a file does not have is NULL; an empty cell in one it has is 0.
 */
export function inputTablesStatements(campaigns: readonly string[]): Statement[] {
  const binary = BINARY_OUTCOMES.map(
    (column) => `CASE WHEN ${column}_measured THEN CASE WHEN lower(trim(coalesce(${column}, ''))) IN ('1', 'true') THEN 1 ELSE 0 END END AS ${column}`,
  ).join(',\n  ');
  return [
    {
      sql: `CREATE OR REPLACE TEMP TABLE campaigns AS SELECT * FROM (VALUES ${campaigns.map((_, index) => `(${index + 1}, $${index + 1})`).join(', ')}) AS named(pair, campaign)`,
      params: campaigns,
    },
    {
      sql: `CREATE OR REPLACE TEMP TABLE verdicts AS
SELECT c.campaign, v.id, v.score, v.recipient_group, v.verdict
FROM verdict_rows v JOIN campaigns c ON c.pair = v.pair
WHERE v.problem IS NULL`,
      params: [],
    },
    {
      sql: `CREATE OR REPLACE TEMP TABLE results AS
SELECT c.campaign, r.id,
  ${binary},
  CASE WHEN revenue_measured THEN coalesce(TRY_CAST(NULLIF(trim(revenue), '') AS DOUBLE), 0) END AS revenue
FROM result_rows r JOIN campaigns c ON c.pair = r.pair
WHERE r.problem IS NULL`,
      params: [],
    },
  ];
}
