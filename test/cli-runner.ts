import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process in a working directory, capturing what it prints. */
export async function cliIn(cwd: string | undefined, ...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false, cwd });
  return { code, stdout, stderr };
}

/** A fresh folder holding these files, for a CLI run to read or write in. */
export function scratch(files: Record<string, string>, prefix = 'creeplint-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
