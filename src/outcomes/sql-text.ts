/** Putting names and paths into SQL text safely, and a statement with its parameters. */

export interface Statement {
  sql: string;
  /** Bound to $1, $2, … when run; inlined as literals only to print (`--sql`). */
  params: readonly string[];
}

/** A string literal: quotes doubled, so a path with a quote neither breaks nor extends the SQL. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A quoted identifier, for column names that come from a file's header. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * DuckDB's file readers take glob patterns: `*`, `?` and `[` in a path are escaped as
 * one-character classes so that `results[1].csv` reads that file and no other.
 */
export function escapeGlob(path: string): string {
  return path.replace(/[*?[]/gu, (character) => `[${character}]`);
}

/** The statement with its parameters written in as literals, for people and warehouses to read. */
export function inlineParameters(statement: Statement): string {
  return statement.sql.replace(/\$(\d+)/gu, (whole, index: string) => {
    const value = statement.params[Number(index) - 1];
    return value === undefined ? whole : quoteLiteral(value);
  });
}
