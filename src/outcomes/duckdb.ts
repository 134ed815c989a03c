/**
 * DuckDB, loaded only by `creeplint outcomes` and only when it runs: an optional peer
 * dependency (its native build is about 70 MB), so `creeplint check` never pays for it,
 * at install or at start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Statement } from './sql-text.js';

/** The version the tests run; an optional peer pinned exactly, as its releases are prereleases. */
export const DUCKDB_PACKAGE = '@duckdb/node-api@1.5.6-r.1';

export class MissingDuckDbError extends Error {
  constructor() {
    super(
      `creeplint outcomes needs DuckDB, an optional dependency that is not installed. Install it beside creeplint:\n  npm install ${DUCKDB_PACKAGE}\n(or print the SQL with --sql and run it in your warehouse; see "Measure it" in the README)`,
    );
    this.name = 'MissingDuckDbError';
  }
}

/** A DuckDB error, kept apart from ours: its message may quote a cell, so it is never printed whole. */
export class DuckDbQueryError extends Error {
  constructor(
    readonly statement: Statement,
    readonly original: string,
  ) {
    super('a DuckDB query failed');
    this.name = 'DuckDbQueryError';
  }
}

export interface SqlSession {
  run(statement: Statement): Promise<void>;
  rows(statement: Statement): Promise<Record<string, unknown>[]>;
  close(): void;
}

type DuckDbModule = typeof import('@duckdb/node-api');

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** Open an in-memory database that spills to a private temporary folder when the data outgrows memory. */
export async function openDuckDb(load: () => Promise<DuckDbModule> = () => import('@duckdb/node-api')): Promise<SqlSession> {
  let duckdb: DuckDbModule;
  try {
    duckdb = await load();
  } catch (error) {
    if (isMissingModule(error)) throw new MissingDuckDbError();
    throw error;
  }
  const spill = mkdtempSync(join(tmpdir(), 'creeplint-outcomes-'));
  const instance = await duckdb.DuckDBInstance.create(':memory:', { temp_directory: spill });
  const connection = await instance.connect();
  const read = async (statement: Statement) => {
    try {
      return await connection.runAndReadAll(statement.sql, [...statement.params]);
    } catch (error) {
      throw new DuckDbQueryError(statement, error instanceof Error ? error.message : String(error));
    }
  };
  return {
    run: async (statement) => {
      await read(statement);
    },
    rows: async (statement) => (await read(statement)).getRowObjectsJS(),
    close: () => {
      connection.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}
