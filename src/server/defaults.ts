/** `creeplint serve`'s defaults, apart from the server so that the command line's help can name them without loading it. */
export const SERVE_DEFAULTS = { host: '127.0.0.1', port: 4870, maxBodyBytes: 5 * 1024 * 1024, timeLimitMs: 5000, memoryLimitMb: 512 } as const;
