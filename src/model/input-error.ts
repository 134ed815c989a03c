/**
 * A problem with what the user gave us (file missing, bad YAML, invalid data map).
 * The CLI prints it as one line, `file:line:column: message`, and exits 2.
 */
export class InputError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(options: { file: string; message: string; line?: number | undefined; column?: number | undefined }) {
    super(options.message);
    this.name = 'InputError';
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
  }

  /** `file:line:column: message`, the one line users see. */
  override toString(): string {
    const position = this.line === undefined ? '' : this.column === undefined ? `:${this.line}` : `:${this.line}:${this.column}`;
    return `${this.file}${position}: ${this.message}`;
  }
}

/** Every problem found in one input file, so the user fixes them all in one go. */
export class InputErrors extends InputError {
  readonly problems: readonly InputError[];

  constructor(problems: readonly InputError[]) {
    const first = problems[0];
    super({ file: first?.file ?? '', line: first?.line, column: first?.column, message: first?.message ?? 'invalid input' });
    this.problems = problems;
  }

  override toString(): string {
    return this.problems.map((problem) => problem.toString()).join('\n');
  }
}
