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
