/** Where a command writes, and the folder it runs in: the process, or a test. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  cwd?: string | undefined;
  /** Standard input, for a command told to read `-`. */
  stdin?: AsyncIterable<Buffer> | undefined;
  /**
   * Write a long stream to standard output (`audit --output -`): undefined when written,
   * or a promise that settles once the reader has caught up.
   */
  streamOut?: ((text: string) => Promise<void> | undefined) | undefined;
}

/** Exit codes (docs/judgement.md): 0 clean, 1 an error finding or a score above --max-score, 2 usage or input error. */
export const EXIT = { ok: 0, findings: 1, input: 2 } as const;

export function processIo(): CliIo {
  // @types/node types isTTY as a boolean, but a piped or redirected stdout is no TTY stream and has none.
  const stdout: { isTTY?: boolean } = process.stdout;
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: stdout.isTTY === true,
    stdin: process.stdin,
    streamOut: (text) =>
      process.stdout.write(text)
        ? undefined
        : new Promise((resume) =>
            process.stdout.once('drain', () => {
              resume();
            }),
          ),
  };
}
