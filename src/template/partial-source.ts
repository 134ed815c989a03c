import type { SourceText } from './source.js';

/** A partial's text and the file it came from. */
export interface PartialFile {
  file: string;
  source: SourceText;
}

/**
 * Where partials come from. The loader implements it over the file system (`partials/`
 * beside the template, `--partials DIR`); the analysis only asks by name.
 */
export interface PartialSource {
  /** A partial registered by name (`{{> shared/footer}}`). */
  byName(name: string): PartialFile | undefined;
  /** An `<mj-include path="…">`, relative to the file that includes it. */
  byInclude(fromFile: string, path: string): PartialFile | undefined;
}

export const NO_PARTIALS: PartialSource = {
  byName: () => undefined,
  byInclude: () => undefined,
};
