/**
 * One location model for the whole project: 1-based line and column in the original file
 * (front matter counted), start inclusive, end exclusive.
 */
export interface Position {
  line: number;
  column: number;
}

export interface SourceRange {
  file: string;
  start: Position;
  end: Position;
}
