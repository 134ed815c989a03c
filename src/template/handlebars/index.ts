import type { TemplateLanguage } from '../language.js';
import { prepareHandlebars } from './prepare.js';
import { compileTemplate } from './render.js';

/** Handlebars (and Mustache-style sections) through Handlebars' own parser and runtime. */
export const handlebarsLanguage: TemplateLanguage = {
  name: 'handlebars',
  prepare(source, options) {
    const analysis = prepareHandlebars(source, options);
    return { analysis, renderer: compileTemplate(analysis, options.helpers) };
  },
};
