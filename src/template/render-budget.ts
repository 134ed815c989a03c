import { performance } from 'node:perf_hooks';

/** Which limit stopped a render. */
export type RenderLimit = 'time' | 'memory';

/** How long one email may take to render, and how much it may print. */
export interface RenderLimits {
  timeMs: number;
  /** Text printed by the render's loops and values, counted at every level: a bound on its memory. */
  maxOutputBytes: number;
}

/** The limits `check`, `lint()` and the checker use unless told otherwise (`--timeout`). */
export const DEFAULT_RENDER_LIMITS: RenderLimits = { timeMs: 5000, maxOutputBytes: 256 * 1024 * 1024 };

/** Thrown from inside a render when it runs past a limit; the engine turns it into a `render-error`. */
export class RenderStopped extends Error {
  constructor(
    readonly limit: RenderLimit,
    message: string,
  ) {
    super(message);
    this.name = 'RenderStopped';
  }
}

/** Looking at the clock costs more than a step: look every this many steps. */
const STEPS_BETWEEN_CLOCK_READS = 1024;

/**
 * A render's allowance. The tracing render calls `tick` for every value it prints or
 * reads and every block it runs, so a template that would render without end (a loop
 * inside a loop over a large list) is stopped in time, in this thread, with a finding
 * that says which limit it reached.
 */
export class RenderBudget {
  private steps = 0;
  private bytes = 0;

  private constructor(
    private readonly deadline: number,
    private readonly limits: RenderLimits,
  ) {}

  static of(limits: RenderLimits): RenderBudget {
    return new RenderBudget(performance.now() + limits.timeMs, limits);
  }

  static unlimited(): RenderBudget {
    return new RenderBudget(Number.POSITIVE_INFINITY, { timeMs: Number.POSITIVE_INFINITY, maxOutputBytes: Number.POSITIVE_INFINITY });
  }

  tick(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.limits.maxOutputBytes) {
      throw new RenderStopped('memory', `the render was stopped: it printed more than ${Math.round(this.limits.maxOutputBytes / (1024 * 1024))} MB (the memory limit)`);
    }
    this.steps += 1;
    if (this.steps % STEPS_BETWEEN_CLOCK_READS === 0 && performance.now() > this.deadline) {
      throw new RenderStopped('time', `the render was stopped after ${this.limits.timeMs} ms (the time limit)`);
    }
  }
}
