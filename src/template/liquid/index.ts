import type { TemplateLanguage } from '../language.js';
import { prepareLiquid } from './prepare.js';
import { compileLiquid } from './render.js';

/** Liquid (and Braze's attribute syntax) through liquidjs's own tokenizer, parser and renderer. */
export const liquidLanguage: TemplateLanguage = {
  name: 'liquid',
  prepare(source, options) {
    const analysis = prepareLiquid(source, options);
    return { analysis, renderer: compileLiquid(analysis) };
  },
};
