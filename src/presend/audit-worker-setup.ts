import type { DataMap } from '../model/datamap.js';
import type { EngineSettings } from '../model/settings.js';

/** What a worker needs to build its own checker (all structured-cloneable). */
export interface WorkerSetup {
  template: string;
  file: string;
  dataMap: DataMap | undefined;
  partialDirs: string[];
  cwd: string;
  settings: EngineSettings;
}
