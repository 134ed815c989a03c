import { Worker } from 'node:worker_threads';
import { workerScript } from '../presend/worker-script.js';
import type { CheckAnswer, CheckJob } from './check-job.js';

/** How a check ended: answered, or stopped by a limit (the thread is replaced), or failed. */
export type CheckOutcome = { ok: true; answer: CheckAnswer } | { ok: false; reason: 'time' | 'memory' | 'failed'; message: string };

interface Slot {
  worker: Worker;
  busy: { seq: number; finish: (outcome: CheckOutcome) => void; timer: NodeJS.Timeout } | undefined;
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

/**
 * Checks run in worker threads, so a template that renders without end (loops over
 * loops, partials that include themselves) can be stopped: Handlebars renders
 * synchronously, and only terminating the thread interrupts it. A stopped or crashed
 * thread is replaced at once.
 */
export class CheckPool {
  private readonly slots: Slot[];
  private readonly queue: { job: CheckJob; finish: (outcome: CheckOutcome) => void }[] = [];
  private readonly script = workerScript(import.meta.url, 'server', 'check-worker');
  private seq = 0;
  private closed = false;

  constructor(private readonly options: CheckPoolOptions) {
    this.slots = Array.from({ length: options.size }, () => this.startSlot());
  }

  /** Undefined when the queue is full. */
  run(job: CheckJob): Promise<CheckOutcome> | undefined {
    if (this.queue.length >= this.options.maxQueue) return undefined;
    return new Promise((finish) => {
      this.queue.push({ job, finish });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { finish } of this.queue.splice(0)) finish({ ok: false, reason: 'failed', message: 'the server is shutting down' });
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
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
      this.replace(slot, memory ? { ok: false, reason: 'memory', message: `the check was stopped: it used more than ${this.options.memoryLimitMb} MB (the memory limit)` } : { ok: false, reason: 'failed', message: error.message });
    });
    // A thread must not keep the process alive once the server is closed.
    worker.unref();
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0 || this.closed) continue;
      const next = this.queue.shift() as { job: CheckJob; finish: (outcome: CheckOutcome) => void };
      this.seq += 1;
      const seq = this.seq;
      const timer = setTimeout(() => {
        if (slot.busy?.seq === seq) this.replace(slot, { ok: false, reason: 'time', message: `the check was stopped after ${this.options.timeLimitMs} ms (the time limit)` });
      }, this.options.timeLimitMs);
      slot.busy = { seq, finish: next.finish, timer };
      slot.worker.postMessage({ seq, job: next.job });
    }
  }

  private settle(slot: Slot, outcome: CheckOutcome): void {
    const busy = slot.busy;
    if (!busy) return;
    clearTimeout(busy.timer);
    slot.busy = undefined;
    busy.finish(outcome);
    this.dispatch();
  }

  /** Stop a thread (runaway or crashed), answer its check, and start a fresh one in its place. */
  private replace(slot: Slot, outcome: CheckOutcome): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    void slot.worker.terminate();
    if (!this.closed) this.slots[index] = this.startSlot();
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.finish(outcome);
    }
    this.dispatch();
  }
}
