import type { Template } from 'liquidjs';
import type { Section } from '../../model/vocabulary.js';
import type { PrepareOptions } from '../language.js';
import type { TemplateSource } from '../source.js';
import { analyseLiquid, type LiquidReading } from './analyse.js';
import { instrumentLiquid } from './instrument.js';
import { outlineOf } from './outline.js';
import type { LiquidTraceRuntime } from './trace-nodes.js';

/** A Liquid template's analysis, with the instrumented templates the tracing render runs. */
export interface LiquidAnalysis extends Omit<LiquidReading, 'sections' | 'expansion' | 'plan'> {
  outline: Partial<Record<Section, string>>;
  runtime: LiquidTraceRuntime;
  /** Instrumented templates per section; a section that did not parse is absent. */
  sections: Partial<Record<Section, Template[]>>;
}

/**
 * Parse, expand partials and read the template (analyse.ts), then instrument what was
 * read for the tracing render (instrument.ts): the analysis is complete before the
 * first template is rewritten.
 */
export function prepareLiquid(source: TemplateSource, options: PrepareOptions): LiquidAnalysis {
  const reading = analyseLiquid(source, options);
  const useCount = reading.uses.reduce((size, use) => Math.max(size, use.id + 1), 1);
  const { runtime, sections, partials } = instrumentLiquid(reading.liquid, reading.sections, reading.expansion, reading.plan, useCount);
  return {
    source: reading.source,
    uses: reading.uses,
    problems: reading.problems,
    directives: reading.directives,
    texts: reading.texts,
    consentGuards: reading.consentGuards,
    branches: reading.branches,
    outline: outlineOf(sections, partials),
    paths: reading.paths,
    liquid: reading.liquid,
    runtime,
    sections,
  };
}
