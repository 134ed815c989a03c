/** Where a command writes, and the folder it runs in: the process, or a test. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  cwd?: string | undefined;
}

/** Exit codes (DESIGN.md): 0 clean, 1 an error finding or a score above --max-score, 2 usage or input error. */
export const EXIT = { ok: 0, findings: 1, input: 2 } as const;

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
  };
}
