import type { Section } from '../../model/vocabulary.js';
import type { TemplateAnalysis } from '../language.js';
import type { TemplateSource } from '../source.js';
import { analyseTemplate, type AnalyseOptions } from './analyse.js';
import { instrumentTemplate } from './instrument.js';
import { outlineOf } from './outline.js';
import type { Program } from './parse.js';

/** A Handlebars template's analysis, with the instrumented programs the tracing render runs. */
export interface HandlebarsAnalysis extends TemplateAnalysis {
  /** Instrumented programs per section; a section that did not parse is absent. */
  programs: Partial<Record<Section, Program>>;
  /** Instrumented partials, one per call site, by the name the programs call them. */
  partials: ReadonlyMap<string, Program>;
}

/**
 * Parse, expand partials and read the template (analyse.ts), then instrument what was
 * read for the tracing render (instrument.ts): the analysis is complete before the
 * first node is rewritten.
 */
export function prepareHandlebars(source: TemplateSource, options: AnalyseOptions): HandlebarsAnalysis {
  const reading = analyseTemplate(source, options);
  const { programs, partials } = instrumentTemplate(reading.sections, reading.expansion, reading.plan);
  return {
    source: reading.source,
    uses: reading.uses,
    problems: reading.problems,
    programs,
    partials,
    directives: reading.directives,
    texts: reading.texts,
    consentGuards: reading.consentGuards,
    branches: reading.branches,
    outline: outlineOf(programs, partials),
  };
}
