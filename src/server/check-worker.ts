import { parentPort } from 'node:worker_threads';
import { checkTemplate } from '../engine/check-template.js';
import { fileSystemPartials } from '../load/partials.js';
import { answerFor } from './check-answer.js';
import type { CheckJob } from './check-job.js';
import { controlAnswer } from './control-answer.js';

// One check at a time; the pool stops this thread if a check runs past the time limit.
parentPort?.on('message', (message: { seq: number; job: CheckJob }) => {
  void (async () => {
    const { job } = message;
    try {
      if (job.answer.kind === 'control') {
        parentPort?.postMessage({ seq: message.seq, answer: await controlAnswer(job) });
        return;
      }
      const check = await checkTemplate({
        file: job.file,
        location: job.location,
        text: job.template,
        dataMap: job.dataMap,
        profiles: job.profiles,
        // The location is the server's choice (check-request.ts): a request's path is never joined in.
        partials: fileSystemPartials({ templateFile: job.location, partialDirs: job.partialDirs, cwd: job.templatesDir, partialNames: job.settings.partialNames }),
        now: new Date(job.now),
        settings: job.settings,
        purposes: job.purposes,
        language: job.language,
      });
      parentPort?.postMessage({ seq: message.seq, answer: answerFor(job, check.results, check.rendered, [check.template]) });
    } catch (error) {
      parentPort?.postMessage({ seq: message.seq, error: error instanceof Error ? error.message : String(error) });
    }
  })();
});
