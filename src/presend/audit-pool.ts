import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AudienceRecord } from '../load/audience.js';
import type { RecordJudge, RecordOutcome } from './audit.js';
import type { WorkerSetup } from './audit-worker-setup.js';
import { workerScript } from './worker-script.js';

/**
 * Judge batches on a pool of worker threads, each with the template compiled once. Batches
 * go to the least busy worker; `runAudit` accounts for them in input order.
 */
export function workerJudge(setup: WorkerSetup, size: number): RecordJudge {
  const script = workerScript(import.meta.url, 'presend', 'audit-worker');
  const workers = Array.from({ length: size }, () => {
    // A checker allocates briskly and keeps little: a small young generation keeps each
    // worker's memory flat over a long audit instead of letting V8 grow it with the rate.
    // Measured on the bundled templates: 2 MB is as fast as 8 or 16 and peaks 20-60 MB lower.
    const worker = new Worker(script, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
    const waiting = new Map<number, { resolve: (outcomes: RecordOutcome[]) => void; reject: (error: Error) => void }>();
    worker.on('message', (message: { seq: number; outcomes?: RecordOutcome[]; error?: string }) => {
      const entry = waiting.get(message.seq);
      waiting.delete(message.seq);
      if (message.outcomes) entry?.resolve(message.outcomes);
      else entry?.reject(new Error(message.error ?? 'worker failed'));
    });
    worker.on('error', (error) => {
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
    });
    // Stopped (closed, or ended some other way): what it still owed fails rather than waits for ever.
    worker.on('exit', () => {
      for (const entry of waiting.values()) entry.reject(new Error('the worker stopped'));
      waiting.clear();
    });
    return { worker, waiting };
  });
  let seq = 0;
  return {
    judge(batch: readonly AudienceRecord[]) {
      const target = workers.reduce((least, candidate) => (candidate.waiting.size < least.waiting.size ? candidate : least));
      seq += 1;
      const id = seq;
      return new Promise<RecordOutcome[]>((resolve, reject) => {
        target.waiting.set(id, { resolve, reject });
        target.worker.postMessage({ seq: id, batch });
      });
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}

/**
 * Worker threads an audit uses unless told: one fewer than the cores, since this thread
 * reads, accounts for and writes every record; on two cores, two, which the bench
 * (`npm run bench`, bench/audit.mjs) measured fastest there: 1.4x one worker's speed at a
 * million recipients, and the same at 100,000, where starting the threads weighs most.
 * One core, one.
 */
export function defaultWorkerCount(cores = availableParallelism()): number {
  return cores >= 3 ? cores - 1 : Math.max(1, cores);
}
