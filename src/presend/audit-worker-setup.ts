import { resolve } from 'node:path';
import { fileSystemPartials } from '../load/partials.js';
import type { DataMap } from '../model/datamap.js';
import type { EngineSettings } from '../model/settings.js';
import type { RenderLimits } from '../template/render-budget.js';
import type { Holdout } from './audit.js';
import { createChecker, type Checker } from './checker.js';

/** What a worker needs to build its own checker (all structured-cloneable). */
export interface WorkerSetup {
  template: string;
  /** The path shown in findings. */
  file: string;
  /** Where the template is on disk (mjml reads CSS and HTML includes beside it); defaults to `file` in `cwd`. */
  location?: string | undefined;
  dataMap: DataMap | undefined;
  partialDirs: string[];
  cwd: string;
  settings: EngineSettings;
  holdout?: Holdout | undefined;
  /** How long one recipient's email may take to render, and how much it may print. */
  limits?: RenderLimits | undefined;
}

/** The checker a setup describes: the same in this thread and in every worker. */
export function checkerFor(setup: WorkerSetup): Checker {
  return createChecker({
    template: setup.template,
    file: setup.file,
    location: setup.location ?? resolve(setup.cwd, setup.file),
    dataMap: setup.dataMap,
    partials: fileSystemPartials({ templateFile: setup.file, partialDirs: setup.partialDirs, cwd: setup.cwd, partialNames: setup.settings.partialNames }),
    config: setup.settings,
    limits: setup.limits,
  });
}
