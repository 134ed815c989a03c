import { Worker } from 'node:worker_threads';
import { workerScript } from '../presend/worker-script.js';
import type { CheckAnswer, CheckJob } from './check-job.js';
import { FairQueue } from './fair-queue.js';

/**
 * How a check ended: answered; stopped by a limit (the thread is replaced); failed;
 * cancelled because its client went away; or refused because the server is closing.
 */
export type CheckOutcome = { ok: true; answer: CheckAnswer } | { ok: false; reason: 'time' | 'memory' | 'failed' | 'cancelled' | 'closed'; message: string };

/** One check from a request, waiting or running. */
interface Waiting {
  job: CheckJob;
  flow: string;
  finish: (outcome: CheckOutcome) => void;
}

interface Slot {
  worker: Worker;
  busy: { seq: number; waiting: Waiting; timer: NodeJS.Timeout } | undefined;
}

export interface CheckPoolOptions {
  size: number;
  /** A check still running after this many milliseconds is stopped. */
  timeLimitMs: number;
  /** Heap for each thread: a render that builds an enormous email stops here, not the server. */
  memoryLimitMb: number;
  /** Checks waiting beyond this are refused (the server answers 503). */
  maxQueue: number;
}

export interface RunOptions {
  /** Checks of one flow (the server: one template from one address) take turns with other flows'. */
  flow: string;
  /** Aborted when the client goes away: the check leaves the queue, or its thread is stopped. */
  signal?: AbortSignal | undefined;
}

const CANCELLED: CheckOutcome = { ok: false, reason: 'cancelled', message: 'the client went away' };
const CLOSED: CheckOutcome = { ok: false, reason: 'closed', message: 'the server is shutting down' };

/**
 * Checks run in worker threads, so a template that renders without end (loops over
 * loops, partials that include themselves) can be stopped: Handlebars renders
 * synchronously, and only terminating the thread interrupts it. A stopped or crashed
 * thread is replaced at once. Waiting checks take turns by flow (see FairQueue), so a
 * pile of slow checks of one template does not hold up a quick check of another.
 */
export class CheckPool {
  private readonly slots: Slot[];
  private readonly queue = new FairQueue<Waiting>();
  private readonly script = workerScript(import.meta.url, 'server', 'check-worker');
  private seq = 0;
  private closed = false;

  constructor(private readonly options: CheckPoolOptions) {
    this.slots = Array.from({ length: options.size }, () => this.startSlot());
  }

  /** Undefined when the queue is full. */
  run(job: CheckJob, options: RunOptions): Promise<CheckOutcome> | undefined {
    if (this.queue.size >= this.options.maxQueue) return undefined;
    const { signal } = options;
    if (this.closed) return Promise.resolve(CLOSED);
    if (signal?.aborted) return Promise.resolve(CANCELLED);
    return new Promise((resolve) => {
      const cancel = (): void => {
        this.cancel(waiting);
      };
      const waiting: Waiting = {
        job,
        flow: options.flow,
        finish: (outcome) => {
          signal?.removeEventListener('abort', cancel);
          resolve(outcome);
        },
      };
      signal?.addEventListener('abort', cancel, { once: true });
      this.queue.push(options.flow, waiting);
      this.dispatch();
    });
  }

  /** Refuse what waits, answer what runs as refused, and stop every thread. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.clear()) waiting.finish(CLOSED);
    for (const slot of this.slots) {
      const busy = slot.busy;
      slot.busy = undefined;
      if (busy) {
        clearTimeout(busy.timer);
        busy.waiting.finish(CLOSED);
      }
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  /** A client went away: its check leaves the queue, or, if running, its thread is stopped and replaced. */
  private cancel(waiting: Waiting): void {
    if (this.queue.remove(waiting.flow, waiting)) {
      waiting.finish(CANCELLED);
      return;
    }
    const slot = this.slots.find((candidate) => candidate.busy?.waiting === waiting);
    if (slot) this.replace(slot, CANCELLED);
  }

  private startSlot(): Slot {
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.options.memoryLimitMb, maxYoungGenerationSizeMb: 16 } });
    const slot: Slot = { worker, busy: undefined };
    worker.on('message', (message: { seq: number; answer?: CheckAnswer; error?: string }) => {
      if (slot.busy?.seq !== message.seq) return;
      this.settle(slot, message.answer ? { ok: true, answer: message.answer } : { ok: false, reason: 'failed', message: message.error ?? 'the check failed' });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.replace(
        slot,
        memory
          ? { ok: false, reason: 'memory', message: `the check was stopped: it used more than ${this.options.memoryLimitMb} MB (the memory limit)` }
          : { ok: false, reason: 'failed', message: error.message },
      );
    });
    // A thread that ends without an error (it should not) must not leave its check waiting.
    worker.on('exit', () => {
      if (slot.busy) this.replace(slot, { ok: false, reason: 'failed', message: 'the checking thread stopped' });
    });
    // A thread must not keep the process alive once the server is closed.
    worker.unref();
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (!slot.busy && !this.closed) {
        const waiting = this.queue.shift();
        if (!waiting) return;
        this.seq += 1;
        const seq = this.seq;
        const timer = setTimeout(() => {
          if (slot.busy?.seq === seq) this.replace(slot, { ok: false, reason: 'time', message: `the check was stopped after ${this.options.timeLimitMs} ms (the time limit)` });
        }, this.options.timeLimitMs);
        slot.busy = { seq, waiting, timer };
        try {
          slot.worker.postMessage({ seq, job: waiting.job });
        } catch (error) {
          // A job that cannot be copied to the thread (requests are checked for depth first): answered, never thrown here.
          clearTimeout(timer);
          slot.busy = undefined;
          waiting.finish({ ok: false, reason: 'failed', message: error instanceof Error ? error.message : String(error) });
        }
      }
    }
  }

  private settle(slot: Slot, outcome: CheckOutcome): void {
    const busy = slot.busy;
    if (!busy) return;
    clearTimeout(busy.timer);
    slot.busy = undefined;
    busy.waiting.finish(outcome);
    this.dispatch();
  }

  /** Stop a thread (runaway, crashed, or its client gone), answer its check, and start a fresh one in its place. */
  private replace(slot: Slot, outcome: CheckOutcome): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    const busy = slot.busy;
    slot.busy = undefined;
    void slot.worker.terminate();
    if (!this.closed) this.slots[index] = this.startSlot();
    if (busy) {
      clearTimeout(busy.timer);
      busy.waiting.finish(outcome);
    }
    this.dispatch();
  }
}
