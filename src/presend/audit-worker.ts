import { parentPort, workerData } from 'node:worker_threads';
import type { AudienceRecord } from '../load/audience.js';
import { fileSystemPartials } from '../load/partials.js';
import { judgeRecord } from './audit.js';
import type { WorkerSetup } from './audit-worker-setup.js';
import { createChecker } from './checker.js';

// One checker per worker: the template is parsed and compiled once here.
const setup = workerData as WorkerSetup;
const checker = createChecker({
  template: setup.template,
  file: setup.file,
  dataMap: setup.dataMap,
  partials: fileSystemPartials({ templateFile: setup.file, partialDirs: setup.partialDirs, cwd: setup.cwd, partialNames: setup.settings.partialNames }),
  config: setup.settings,
});

parentPort?.on('message', (message: { seq: number; batch: AudienceRecord[] }) => {
  void (async () => {
    try {
      const outcomes = [];
      for (const record of message.batch) outcomes.push(await judgeRecord(checker, record));
      parentPort?.postMessage({ seq: message.seq, outcomes });
    } catch (error) {
      parentPort?.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
