/** What the server keeps of its requests: counts, never their contents. */
export interface ServerCounts {
  requests: number;
  checks: number;
  audits: number;
  recipients: number;
  stopped: number;
  refused: number;
}

export function emptyCounts(): ServerCounts {
  return { requests: 0, checks: 0, audits: 0, recipients: 0, stopped: 0, refused: 0 };
}
