import { parentPort, workerData } from 'node:worker_threads';
import type { AudienceRecord } from '../load/audience.js';
import { judgeRecord } from './audit.js';
import { checkerFor, type WorkerSetup } from './audit-worker-setup.js';

// One checker per worker: the template is parsed and compiled once here.
const setup = workerData as WorkerSetup;
const checker = checkerFor(setup);

parentPort?.on('message', (message: { seq: number; batch: AudienceRecord[] }) => {
  void (async () => {
    try {
      const outcomes = [];
      for (const record of message.batch) outcomes.push(await judgeRecord(checker, record, setup.holdout));
      parentPort?.postMessage({ seq: message.seq, outcomes });
    } catch (error) {
      parentPort?.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
