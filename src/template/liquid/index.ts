import type { TemplateLanguage } from '../language.js';
import { analyseLiquid } from './analyse.js';
import { compileLiquid } from './render.js';

/** Liquid (and Braze's attribute syntax) through liquidjs's own tokenizer, parser and renderer. */
export const liquidLanguage: TemplateLanguage = {
  name: 'liquid',
  prepare(source, options) {
    const analysis = analyseLiquid(source, options);
    return { analysis, renderer: compileLiquid(analysis) };
  },
};
